// Audit completeness in GET /api/v1/metrics/summary: of the orders that reached the venue, how
// many have a complete audit trail.
namespace Fillmore.Api.Contracts;

/// <param name="Ratio">Should be 1.0; null when no order reached the venue.</param>
public sealed record CompletenessResponse(long OrdersAtVenue, long Complete, double? Ratio);
