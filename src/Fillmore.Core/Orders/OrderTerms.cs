// What an order asks of the venue now: its type, quantity, prices and time in force. An order
// starts with the terms it was submitted with (OrderSpec); an amend changes them, and a held order
// that Fillmore releases goes out as the MARKET or LIMIT order its trigger calls for. The venue
// is always sent the terms, never the spec.
namespace Fillmore.Core.Orders;

public sealed record OrderTerms(OrderType Type, long Quantity, decimal? LimitPrice, decimal? StopPrice,
    TimeInForce TimeInForce)
{
    /// <summary>A trailing stop's distance from the best price, as an amount ...</summary>
    public decimal? TrailPrice { get; init; }
    /// <summary>... or as a percentage of it.</summary>
    public decimal? TrailPercent { get; init; }

    public bool NeedsLimitPrice => Type is OrderType.Limit or OrderType.StopLimit;
    public bool NeedsStopPrice => Type is OrderType.Stop or OrderType.StopLimit;

    public static OrderTerms Of(OrderSpec spec) => new(spec.Type, spec.Quantity, spec.LimitPrice, spec.StopPrice,
        spec.TimeInForce)
    {
        TrailPrice = spec.TrailPrice, TrailPercent = spec.TrailPercent,
    };
}
