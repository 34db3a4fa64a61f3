// Risk settings that are the same for every trader (section "Fillmore:Risk").
namespace Fillmore.Core.Risk;

public sealed class RiskOptions
{
    /// <summary>A limit or stop price further than this from the last price is refused (fat-finger guard).</summary>
    public decimal PriceBandPercent { get; set; } = 10m;

    /// <summary>Market and stop buys reserve cash at the ask (or stop) plus this buffer, for slippage.</summary>
    public decimal MarketOrderBufferPercent { get; set; } = 5m;

    /// <summary>The exchange time zone that decides where a trading day begins and ends.</summary>
    public string ExchangeTimeZone { get; set; } = "America/New_York";
}
