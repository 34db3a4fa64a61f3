// What the trader asked for, validated and typed. Two submissions with the same client order id
// are "the same order" exactly when their specs are equal (record equality). The spec never
// changes after submission: an amend changes the order's Terms, not what was asked.
namespace Fillmore.Core.Orders;

public sealed record OrderSpec(
    Symbol Symbol,
    Side Side,
    long Quantity,
    OrderType Type,
    decimal? LimitPrice,
    decimal? StopPrice,
    TimeInForce TimeInForce,
    decimal? StopLoss,
    decimal? TakeProfit)
{
    public OrderClass Class { get; init; } = OrderClass.Simple;
    /// <summary>Makes a bracket's (or OCO's) stop-loss a STOP_LIMIT at this limit price.</summary>
    public decimal? StopLossLimitPrice { get; init; }
    /// <summary>A TRAILING_STOP's distance from the best price, as an amount...</summary>
    public decimal? TrailPrice { get; init; }
    /// <summary>... or as a percentage of the best price (0 &lt; p &lt; 100).</summary>
    public decimal? TrailPercent { get; init; }
    /// <summary>When a GTD order expires.</summary>
    public DateTimeOffset? ExpireAt { get; init; }
    /// <summary>The worst price, in basis points from the arrival price, the trader accepts (US4); null: the
    /// account's default.</summary>
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>How long the order may wait to fill before what is left is cancelled (US4); null: the
    /// configured default (ORDER_TIMEOUT_SECONDS).</summary>
    public int? MaxWaitSeconds { get; init; }

    public bool NeedsLimitPrice => Type is OrderType.Limit or OrderType.StopLimit;
    public bool NeedsStopPrice => Type is OrderType.Stop or OrderType.StopLimit;
    public bool IsTrailing => Type == OrderType.TrailingStop;
    /// <summary>Whether it executes at whatever the market offers once it goes (a market order, or a stop or
    /// trailing stop once triggered): what a slippage limit bounds.</summary>
    public bool TradesAtMarket => Type is OrderType.Market or OrderType.Stop or OrderType.TrailingStop;
    /// <summary>Whether the order has exits (BRACKET, OTO, OCO).</summary>
    public bool HasExits => Class != OrderClass.Simple;
}
