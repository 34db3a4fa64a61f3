// The slippage limit (US4) as prices: the collar a market order goes out as (a LIMIT at the
// arrival price plus the limit for a buy, minus it for a sell, rounded to the tick towards the
// arrival price so it never allows more than the limit), and the words for what it cancelled.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;

public static class Slippage
{
    /// <summary>The worst price within <paramref name="bps"/> of <paramref name="arrival"/>, on the tick.</summary>
    public static decimal Collar(Side side, decimal arrival, decimal bps, decimal tick)
    {
        var raw = arrival * (side == Side.Buy ? 1m + bps / 10_000m : 1m - bps / 10_000m);
        var ticks = raw / tick;
        var collar = (side == Side.Buy ? Math.Floor(ticks) : Math.Ceiling(ticks)) * tick;
        return collar > 0 ? collar : tick;
    }

    /// <summary>The terms a market order (or a released stop) goes out as under a slippage limit: a LIMIT at the
    /// collar around <paramref name="arrival"/>.</summary>
    public static OrderTerms Collared(OrderTerms terms, Side side, decimal arrival, decimal bps, decimal tick,
        TimeInForce tif) => terms with
    {
        Type = OrderType.Limit, LimitPrice = Collar(side, arrival, bps, tick), StopPrice = null, TrailPrice = null,
        TrailPercent = null, TimeInForce = tif,
    };

    /// <summary>Why what is left of a collared order was cancelled.</summary>
    public static string Reason(Order order) =>
        $"Slippage limit: what could not fill within {order.SlippageLimitBps} bps of the arrival price "
        + $"{order.ArrivalPrice} (a limit of {order.Terms.LimitPrice}) was cancelled; {order.FilledQuantity} of "
        + $"{order.Terms.Quantity} filled.";
}
