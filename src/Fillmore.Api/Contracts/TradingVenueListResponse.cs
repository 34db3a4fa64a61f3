// GET /api/v1/venues: the venues orders may name, and where an order that names none goes.
namespace Fillmore.Api.Contracts;

public sealed record TradingVenueListResponse(string DefaultVenue, IReadOnlyList<TradingVenueResponse> Data);
