// GET /api/v1/admin/venues: every venue this node sends to.
namespace Fillmore.Api.Contracts;

public sealed record VenueListResponse(IReadOnlyList<VenueResponse> Data);
