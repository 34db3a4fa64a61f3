// Decides a trader's cancel and the venue's answer to it. The order's own answer to CancelRequested
// is the API's: Illegal is the 409 with the table's code, Ignored (a cancel already pending) changes
// nothing, Applied records PENDING_CANCEL. Who finishes the cancel follows from where the order was:
// working at the venue, cancel there now; still waiting to be sent, whoever holds it finishes the
// cancel once it knows whether the venue has the order (the sender, or the reconciler when no one
// in this process is working on it).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public static class CancelDecider
{
    /// <param name="busy">This process is sending the order, or will (queued, between attempts).</param>
    public static CancelRequest Request(Order order, TraderId trader, bool busy, DateTimeOffset now) =>
        order.TraderId != trader ? new CancelRequest(new CancelResult.NotFound(), Decision.Nothing)
            : Decide(order, order.On(OrderTrigger.CancelRequested, now), Actor.Trader, null,
                "Cancelled by the trader while held by Fillmore; it never reached a venue.", busy, now);

    /// <summary>
    /// An administrator's cancel (the kill switch, a trader's halt, a cancel-all for a trader): as the
    /// trader's, but recorded as the administrator's with <paramref name="intent"/> as its code and
    /// <paramref name="reason"/> (who and why) on every entry, down to the venue's confirmation.
    /// </summary>
    public static CancelRequest ByAdmin(Order order, bool busy, string intent, string reason, DateTimeOffset now) =>
        Decide(order, order.OnSystemCancel(intent, now, reason), Actor.Admin, intent, reason, busy, now);

    private static CancelRequest Decide(Order order, TransitionResult result, Actor actor, string? code,
        string heldReason, bool busy, DateTimeOffset now)
    {
        switch (result)
        {
            case TransitionResult.Illegal illegal:
                return new CancelRequest(new CancelResult.NotCancellable(order, illegal.Code), Decision.Nothing);
            case TransitionResult.Applied { Moved: { Status: OrderStatus.Cancelled } cancelled }:
                // Held by Fillmore: nothing is at a venue, so the cancel is done at once.
                var done = cancelled with { Reason = heldReason };
                return new CancelRequest(new CancelResult.Accepted(done),
                    new Decision.Commit(OrderChange.Of(order, done)
                    .Audited(AuditRecord.Of(done, AuditAction.Cancelled, actor, now, reason: done.Reason,
                        errorCode: code))
                    .Emitting(OrderEvent.Of(done, OrderEventType.Cancelled, now))));
            case TransitionResult.Applied { Moved: var pending }:
                var change = OrderChange.Of(order, pending)
                    .Audited(AuditRecord.Of(pending, AuditAction.CancelRequested, actor, now,
                        reason: code is null ? null : pending.Reason, errorCode: code))
                    .Emitting(OrderEvent.Of(pending, OrderEventType.CancelRequested, now));
                var then = order.Status is OrderStatus.Pending or OrderStatus.Partial ? CancelFollowUp.SendToVenue
                    : order.Status == OrderStatus.PendingSubmit && !busy ? CancelFollowUp.AskReconciler
                    : CancelFollowUp.None;
                return new CancelRequest(new CancelResult.Accepted(pending), new Decision.Commit(change), then);
            default:
                return new CancelRequest(new CancelResult.Accepted(order), Decision.Nothing);
        }
    }

    /// <summary>The venue's answer to the cancel request. Confirmed: the Cancelled report follows on the report
    /// stream.</summary>
    public static Decision VenueAnswer(Order order, VenueOutcome outcome, DateTimeOffset now) => outcome switch
    {
        VenueOutcome.Confirmed => Decision.Nothing,
        VenueOutcome.Rejected r => Transit.Apply(order, OrderTrigger.CancelRejected,
            new Step(AuditAction.CancelRejected, OrderEventType.CancelRejected, now)
                { Reason = r.Reason, ErrorCode = r.Code }),
        // Could not reach the venue: the order stays PENDING_CANCEL and reconciliation settles it.
        _ => new Decision.Commit(OrderChange.Of(order, order).Audited(AuditRecord.Of(order, AuditAction.CancelRequested,
            Actor.System, now, reason: SendDecider.FailureReason(outcome),
            errorCode: SendDecider.ErrorCodeOf(outcome)))),
    };
}
