// Decides what the venue's view of an order does to it. Found: an order still waiting for its
// answer is marked as found at the venue first (RECONCILED or RECOVERED, now PENDING; its send
// recorded if the process stopped before recording it), so the trail reads in causal order; the
// venue's executions and end state follow as reports. Not found: the venue proves it does not
// hold the order, and what that means depends on whether it was ever sent (Order.WasSent).
// Unknown: nothing, unless the question can never be answered and Fillmore itself does not know
// the order's fate (its send was never recorded), or the venue warns that it may have lost the
// order (VenueQuery.Unknown.MayHaveLost): then the order is flagged in doubt, once per reason.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public static class ReconcileDecider
{
    /// <summary>The venue has the order: accept it if it was still waiting for the venue's answer.</summary>
    public static Decision Found(Order order, VenueOrderState state, AuditAction action, string eventType,
        DateTimeOffset now)
    {
        // An order the trader acknowledged while in doubt is waiting for the venue's word as well.
        if (order.Status != OrderStatus.PendingSubmit && !AcknowledgedInDoubt(order)) return Decision.Nothing;
        var change = order.WasSent ? OrderChange.Of(order, order) : UnloggedSend(order, now);
        // A venue rejection is its own answer (PENDING_SUBMIT or FAILED in doubt -> REJECTED), applied as a report.
        if (state.Status == VenueOrderStatus.Rejected) return Decision.Of(change);
        return Transit.Apply(change, OrderTrigger.VenueAccepted, new Step(action, eventType, now)) switch
        {
            // Found at last: the doubt is over, and so is its reason.
            Decision.Commit { Changed: var c } when c.UpdatesOrder =>
                new Decision.Commit(c.Moved(c.Order with { Reason = null })),
            var other => other,
        };
    }

    /// <summary>
    /// The venue has an order whose sending was never recorded: the process stopped between sending
    /// and recording the answer. The send happened, so the trail says so (audit completeness).
    /// </summary>
    public static OrderChange UnloggedSend(Order order, DateTimeOffset now) =>
        OrderChange.Of(order, order.Sent(now)).Audited(AuditRecord.Of(order, AuditAction.Executed, Actor.System, now,
            reason: "Found at the venue: the send was not recorded before the process stopped.",
            errorCode: ReasonCodes.SendNotRecorded));

    /// <summary>
    /// The venue proves it does not hold the order. Never sent by anyone: send it now (work in
    /// flight resumes). Sent before and still unanswered: FAILED, nothing executed. A cancel the
    /// trader asked for is simply done. An acknowledged order the venue lost needs the trader.
    /// </summary>
    public static NotFound Missing(Order order, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.PendingSubmit when !order.WasSent => new NotFound(Decision.Nothing, Resend: true),
        OrderStatus.PendingSubmit => Fail(order, now, ReasonCodes.VenueNeverReceived,
            "Not executed: the venue confirms it never received the order. Retry it or acknowledge it."),
        OrderStatus.PendingCancel => new NotFound(CancelMissing(order, now)),
        OrderStatus.Pending or OrderStatus.Partial => Fail(order, now, ReasonCodes.VenueLostOrder,
            "The venue no longer holds this order (it may have restarted). Nothing is working at the venue: "
                + "re-submit it or acknowledge it."),
        OrderStatus.Failed when AcknowledgedInDoubt(order) => new NotFound(Transit.Apply(order, OrderTrigger.Failed,
            new Step(AuditAction.Reconciled, OrderEventType.Failed, now)
            {
                Reason = "Not executed: the venue confirms it never received the order (acknowledged while in doubt).",
                ErrorCode = ReasonCodes.VenueNeverReceived,
            })),
        _ => new NotFound(Decision.Nothing),
    };

    /// <summary>
    /// The venue could not say whether it has the order. Where it never can (<paramref name="venueAnswersQueries"/>
    /// false), an order whose send Fillmore never recorded is in doubt: it may be at the venue, and it is not sent
    /// again. An order the venue may have lost (a restart, a reset session) is in doubt with the venue's reason.
    /// </summary>
    public static Decision Unanswered(Order order, VenueQuery.Unknown unknown, bool venueAnswersQueries,
        DateTimeOffset now)
    {
        var (reason, code) = order.Status switch
        {
            OrderStatus.PendingSubmit or OrderStatus.PendingCancel when !order.WasSent && !venueAnswersQueries =>
                ("In doubt: Fillmore stopped before it recorded sending this order, and the venue cannot say " +
                 $"whether it has it ({unknown.Reason}). It is not sent again; the venue's report settles it.",
                    ReasonCodes.OutcomeUnknown),
            OrderStatus.Pending or OrderStatus.Partial or OrderStatus.PendingCancel when unknown.MayHaveLost =>
                ($"In doubt: {unknown.Reason}", ReasonCodes.VenueMayHaveLostOrder),
            _ => (null, null),
        };
        if (reason is null || order.Reason == reason) return Decision.Nothing;
        var flagged = order.Flagged(reason, now);
        return new Decision.Commit(OrderChange.Of(order, flagged)
            .Audited(AuditRecord.Of(flagged, AuditAction.Anomaly, Actor.System, now, reason: reason, errorCode: code))
            .Emitting(OrderEvent.Of(flagged, OrderEventType.InDoubt, now)));
    }

    private static bool AcknowledgedInDoubt(Order order) =>
        order.Status == OrderStatus.Failed && order.InDoubtSince is not null;

    private static Decision CancelMissing(Order order, DateTimeOffset now)
    {
        var (trigger, action, eventType) = ExpiryDecider.Cancellation(order);
        var reason = order.CancelIntent is not null ? order.Reason
            : order.FilledQuantity == 0 && !order.WasSent ? "Cancelled before it reached the venue."
            : "Cancelled; the venue no longer holds the order.";
        return Transit.Apply(order, trigger, new Step(action, eventType, now) { Reason = reason,
            ErrorCode = order.CancelIntent });
    }

    private static NotFound Fail(Order order, DateTimeOffset now, string code, string reason) =>
        new(Transit.Apply(order, OrderTrigger.Failed,
            new Step(AuditAction.Failed, OrderEventType.Failed, now) { Reason = reason, ErrorCode = code }));

    /// <summary>
    /// The venue's view as the reports that would have told it: a replace whose answer was lost
    /// (the venue's quantity is the amended one, or still the old one), its executions, then its end state.
    /// </summary>
    public static IEnumerable<ExecutionReport> AsReports(VenueOrderState state, Order? order = null)
    {
        if (order?.PendingAmend is { } amend && amend.Quantity != order.Terms.Quantity)
        {
            var replace = state.Quantity == amend.Quantity ? ExecutionKind.Replaced
                : state.Quantity == order.Terms.Quantity ? ExecutionKind.ReplaceRejected : (ExecutionKind?)null;
            if (replace is { } answer)
                yield return new ExecutionReport(state.OrderId, answer, $"reconcile-{answer}", 0, 0,
                    state.CumulativeQuantity, state.AveragePrice, 0, "",
                    state.Executions.Count > 0 ? state.Executions[^1].TransactTime : default,
                    "found by reconciliation");
        }
        foreach (var execution in state.Executions) yield return execution;
        var last = state.Executions.Count > 0 ? state.Executions[^1].TransactTime : default;
        ExecutionKind? terminal = state.Status switch
        {
            VenueOrderStatus.Cancelled => ExecutionKind.Cancelled,
            VenueOrderStatus.Rejected => ExecutionKind.Rejected,
            VenueOrderStatus.Expired => ExecutionKind.Expired,
            _ => null,
        };
        if (terminal is { } kind)
            yield return new ExecutionReport(state.OrderId, kind, $"reconcile-{kind}", 0, 0, state.CumulativeQuantity,
                state.AveragePrice, 0, "", last, state.Reason);
    }

    /// <summary>What the venue's proof of absence decided; Resend: queue the order for its first send.</summary>
    public sealed record NotFound(Decision Decision, bool Resend = false);
}
