// One order at the venue that Fillmore never placed (GET /api/v1/admin/ghosts): reported, never
// adopted.
namespace Fillmore.Api.Contracts;

public sealed record GhostResponse(Guid ClientOrderId, string Symbol, string Side, long Quantity, long FilledQuantity,
    string VenueStatus);
