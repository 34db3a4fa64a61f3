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

    /// <summary>The session close in the exchange's time zone ("HH:mm"): DAY orders expire then.</summary>
    public string SessionClose { get; set; } = "16:00";

    /// <summary>Exchange holidays (yyyy-MM-dd): no session, so a DAY order accepted on one lives until the next
    /// session's close.</summary>
    public List<string> Holidays { get; set; } = [];
}
