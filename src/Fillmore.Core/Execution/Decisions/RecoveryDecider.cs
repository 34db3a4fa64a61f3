// Decides a trader's retry or acknowledgement of a FAILED order or of one in doubt (every attempt
// and the final question unanswered). Whether either is allowed is the order's own answer (the
// transition table): ORDER_NOT_FAILED for any other status, ORDER_ACKNOWLEDGED once the trader
// closed the order out. An acknowledged order in doubt ends FAILED and stays in doubt, so that
// reconciliation keeps asking the venue about it.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public static class RecoveryDecider
{
    /// <summary>Null when the order may take <paramref name="trigger"/>; otherwise the refusal.</summary>
    public static RecoveryResult.NotAllowed? Refusal(Order order, OrderTrigger trigger, DateTimeOffset now) =>
        order.On(trigger, now) is TransitionResult.Illegal illegal
            ? new RecoveryResult.NotAllowed(order, illegal.Code, Explain(order, illegal.Code)) : null;

    /// <summary>Re-send under the same id; the venue was asked first (<paramref name="venueHasIt"/>: adopt, do not
    /// send).</summary>
    public static Decision Resubmit(Order order, bool venueHasIt, long? accountGuard, DateTimeOffset now)
    {
        if (order.On(OrderTrigger.Resubmitted, now) is not TransitionResult.Applied { Moved: var moved })
            return Decision.Nothing;
        var resubmitted = moved with { Reason = null };
        return new Decision.Commit((OrderChange.Of(order, resubmitted) with { AccountGuard = accountGuard })
            .Audited(AuditRecord.Of(resubmitted, AuditAction.Resubmitted, Actor.Trader, now,
                reason: venueHasIt ? "Retry asked; the venue already has the order, so it is adopted, not sent again."
                    : "Re-sent by the trader after the venue confirmed it does not have it."))
            .Emitting(OrderEvent.Of(resubmitted, OrderEventType.Resubmitted, now)));
    }

    /// <summary>The trader closes out the FAILED order (it stays FAILED), or the order in doubt (it ends FAILED):
    /// never retried.</summary>
    public static Decision Acknowledge(Order order, DateTimeOffset now)
    {
        var reason = order.InDoubtSince is null ? $"Acknowledged by the trader. {order.Reason}"
            : "Acknowledged by the trader while in doubt: the order may or may not be at the venue. It is closed and "
                + "never sent again; Fillmore keeps asking the venue and records whatever the venue did with it.";
        if (order.On(OrderTrigger.FailureAcknowledged, now, reason)
            is not TransitionResult.Applied { Moved: var closed })
            return Decision.Nothing;
        return new Decision.Commit(OrderChange.Of(order, closed)
            .Audited(AuditRecord.Of(closed, AuditAction.FailureAcknowledged, Actor.Trader, now, reason: closed.Reason))
            .Emitting(OrderEvent.Of(closed, OrderEventType.FailureAcknowledged, now)));
    }

    private static string Explain(Order order, string code) => code == ReasonCodes.OrderAcknowledged
        ? $"Order {order.Id} was acknowledged as failed and is closed."
        : $"Order {order.Id} is {ApiNames.Of(order.Status)}; only FAILED orders and orders in doubt can be retried "
            + "or acknowledged.";
}
