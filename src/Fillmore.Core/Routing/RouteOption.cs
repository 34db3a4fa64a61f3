// One venue in a routing decision's rationale (GET /api/v1/orders/{id}/routing): its quote, fees
// and effective price for this order, its health, and whether and why it was left out.
namespace Fillmore.Core.Routing;

public sealed record RouteOption(
    string Venue,
    decimal? Bid,
    decimal? Ask,
    long? DisplayedSize,
    decimal? Price,
    decimal? FeePerShare,
    decimal? EffectivePrice,
    string Liquidity,
    string Health,
    string? Excluded)
{
    /// <summary>The venue could have taken the order (Excluded is null).</summary>
    public bool Eligible => Excluded is null;
}
