// How much cash a buy holds per share while it is open: its limit price; for market and stop
// buys, the ask (or the stop price) plus MarketOrderBufferPercent for slippage; for a trailing
// buy stop, the ask plus its trail (where it would trigger now) plus the buffer. Sells hold none.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class ReservePolicy
{
    public static decimal? PriceFor(OrderSpec order, Quote? quote, RiskOptions options)
    {
        if (order.Side != Side.Buy) return null;
        if (order.LimitPrice is { } limit) return limit;
        var basis = order.StopPrice ?? quote?.Ask switch
        {
            { } ask when order.TrailPrice is { } trail => ask + trail,
            { } ask when order.TrailPercent is { } percent => ask * (1 + percent / 100m),
            var ask => ask,
        };
        return basis is { } b ? Math.Round(b * (1 + options.MarketOrderBufferPercent / 100m), 4) : null;
    }
}
