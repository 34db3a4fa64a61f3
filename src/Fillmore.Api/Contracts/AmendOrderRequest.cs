// The body of PATCH /api/v1/orders/{id}: what may change (quantity, price, stop_price, trail).
// What may not (symbol, side, order_type, time_in_force, order_class, client_order_id) is read
// only to be refused by name with FIELD_NOT_AMENDABLE, never ignored.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;

public sealed record AmendOrderRequest(decimal? Quantity, decimal? Price, decimal? StopPrice, decimal? TrailPrice,
    decimal? TrailPercent)
{
    public string? Symbol { get; init; }
    public string? Side { get; init; }
    public string? OrderType { get; init; }
    public string? TimeInForce { get; init; }
    public string? OrderClass { get; init; }
    public string? ClientOrderId { get; init; }
    public decimal? StopLoss { get; init; }
    public decimal? TakeProfit { get; init; }
    public string? ExpireAt { get; init; }

    /// <summary>The fields sent that an amend cannot change.</summary>
    public IEnumerable<string> Unamendable()
    {
        if (Symbol is not null) yield return "symbol";
        if (Side is not null) yield return "side";
        if (OrderType is not null) yield return "order_type";
        if (TimeInForce is not null) yield return "time_in_force";
        if (OrderClass is not null) yield return "order_class";
        if (ClientOrderId is not null) yield return "client_order_id";
        if (StopLoss is not null) yield return "stop_loss";
        if (TakeProfit is not null) yield return "take_profit";
        if (ExpireAt is not null) yield return "expire_at";
    }

    public AmendDraft ToDraft() => new(Quantity, Price, StopPrice, TrailPrice, TrailPercent);
}
