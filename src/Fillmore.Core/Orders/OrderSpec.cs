// What the trader asked for, validated and typed. Two submissions with the same client order id
// are "the same order" exactly when their specs are equal (record equality).
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
    public bool NeedsLimitPrice => Type is OrderType.Limit or OrderType.StopLimit;
    public bool NeedsStopPrice => Type is OrderType.Stop or OrderType.StopLimit;
}
