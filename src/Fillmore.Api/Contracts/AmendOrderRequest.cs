// The body of PATCH /api/v1/orders/{id}: what may change (quantity, price, stop_price, trail).
// What may not (symbol, side, order_type, time_in_force, order_class, client_order_id, exits,
// expiry) is read only to be refused by name with FIELD_NOT_AMENDABLE, never ignored: sent at all,
// even as null ("remove the stop-loss"), it is refused, since no amend carries that out.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;

public sealed record AmendOrderRequest(decimal? Quantity, decimal? Price, decimal? StopPrice, decimal? TrailPrice,
    decimal? TrailPercent)
{
    private static readonly string[] NotAmendable =
    [
        "symbol", "side", "order_type", "time_in_force", "order_class", "client_order_id", "stop_loss", "take_profit",
        "expire_at",
    ];

    public string? Symbol { get; init; }
    public string? Side { get; init; }
    public string? OrderType { get; init; }
    public string? TimeInForce { get; init; }
    public string? OrderClass { get; init; }
    public string? ClientOrderId { get; init; }
    public decimal? StopLoss { get; init; }
    public decimal? TakeProfit { get; init; }
    public string? ExpireAt { get; init; }

    /// <param name="sent">The body's top-level field names, null values included.</param>
    public AmendDraft ToDraft(IReadOnlySet<string> sent) => new(Quantity, Price, StopPrice, TrailPrice, TrailPercent)
    {
        Refused = NotAmendable.Where(sent.Contains).ToList(),
    };
}
