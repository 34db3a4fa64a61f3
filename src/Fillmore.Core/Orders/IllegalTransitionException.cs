// Raised when something asks an order to make a move the transition table does not list.
// Callers turn it into a 409 (API) or an ANOMALY audit entry plus reconciliation (venue).
namespace Fillmore.Core.Orders;

public sealed class IllegalTransitionException(OrderId orderId, OrderStatus from, OrderTrigger trigger, string? detail = null)
    : InvalidOperationException($"Order {orderId} cannot take {trigger} while {from}{(detail is null ? "" : $": {detail}")}.")
{
    public OrderId OrderId { get; } = orderId;
    public OrderStatus From { get; } = from;
    public OrderTrigger Trigger { get; } = trigger;
}
