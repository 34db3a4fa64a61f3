// One venue in a routing decision (GET /api/v1/orders/{id}/routing): its quote when the router
// looked, the price this order would have had there, the fees a share, the effective price, whether
// it would take or make liquidity, its health, and why it was left out (null: it could have taken it).
namespace Fillmore.Api.Contracts;

public sealed record RouteOptionResponse(
    string Venue,
    decimal? Bid,
    decimal? Ask,
    long? DisplayedSize,
    decimal? Price,
    decimal? FeePerShare,
    decimal? EffectivePrice,
    string Liquidity,
    string Health,
    bool Eligible,
    string? Excluded);
