// Decides what an order's deadline (DAY: the session close; GTD: expire_at; its max wait) does
// when it comes: a held order expires at once; one that may be at the venue is cancelled there with
// the intent EXPIRED, and the cancel's confirmation then ends it as EXPIRED (Cancellation). Whichever
// comes first, the venue's own expiry report or this deadline, ends the order; the other changes
// nothing. A max wait that runs out cancels what is left with the intent TIMEOUT (ends CANCELLED).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Streaming;

public static class ExpiryDecider
{
    public static Decision Expire(Order order, DateTimeOffset now)
    {
        if (order.ExpiresAt is not { } deadline || deadline > now) return TimeOut(order, now);
        var reason = Reason(order, deadline);
        return order.Status switch
        {
            OrderStatus.Held => Transit.Apply(order, OrderTrigger.Expired,
                new Step(AuditAction.Expired, OrderEventType.Expired, now) { Reason = reason,
                    ErrorCode = ReasonCodes.Expired }),
            OrderStatus.PendingSubmit or OrderStatus.Pending or OrderStatus.Partial =>
                FamilyDecider.SystemCancel(order, ReasonCodes.Expired, reason, now),
            _ => Decision.Nothing,
        };
    }

    // The wait ran out (max_wait_seconds, ORDER_TIMEOUT_SECONDS): what is left is cancelled, with TIMEOUT as its
    // code; what filled stays filled. A held order is cancelled at once.
    private static Decision TimeOut(Order order, DateTimeOffset now)
    {
        if (order.TimeoutAt is not { } timeout || timeout > now) return Decision.Nothing;
        if (order.Status is not (OrderStatus.Held or OrderStatus.PendingSubmit or OrderStatus.Pending
            or OrderStatus.Partial))
            return Decision.Nothing;
        var waited = (timeout - order.CreatedAt).TotalSeconds;
        var reason = $"Timeout: not filled within the {waited:0.###} s it may wait; the {order.RemainingQuantity} "
            + $"left {(order.Status == OrderStatus.Held ? "were" : "are being")} cancelled ({order.FilledQuantity} "
            + "filled stay).";
        return FamilyDecider.SystemCancel(order, ReasonCodes.Timeout, reason, now);
    }

    /// <summary>
    /// How a cancel that ended the order is recorded: as EXPIRED when Fillmore asked for it because the
    /// order's time ran out, as CANCELLED otherwise. Used wherever a cancel completes.
    /// </summary>
    public static (OrderTrigger Trigger, AuditAction Action, string EventType) Cancellation(Order order) =>
        order.CancelIntent == ReasonCodes.Expired
            ? (OrderTrigger.Expired, AuditAction.Expired, OrderEventType.Expired)
            : (OrderTrigger.Cancelled, AuditAction.Cancelled, OrderEventType.Cancelled);

    public static string Reason(Order order, DateTimeOffset deadline) => order.Spec.TimeInForce == TimeInForce.Gtd
        ? $"Expired: good till {deadline:u}."
        : $"Expired: DAY order, the session closed at {deadline:u}.";
}
