// One venue the SMART router considered: its quote then, the price and fees this order would have had
// there, its health, and why it was left out (null: it could have taken the order).
namespace Fillmore.Client;

public sealed record RouteOption
{
    public string Venue { get; init; } = "";
    public decimal? Bid { get; init; }
    public decimal? Ask { get; init; }
    public long? DisplayedSize { get; init; }
    public decimal? Price { get; init; }
    public decimal? FeePerShare { get; init; }
    public decimal? EffectivePrice { get; init; }
    public string Liquidity { get; init; } = "";
    public string Health { get; init; } = "";
    public bool Eligible { get; init; }
    public string? Excluded { get; init; }
}
