// Decides each step of sending an order. Pickup: send it, cancel it locally (the trader cancelled
// it before it was ever sent), ask the venue instead (cancelled between attempts: an earlier
// attempt may have arrived), or leave it (no longer waiting to be sent). Outcome: what the venue's
// answer to attempt N does (acknowledged, rejected, fatal, or unclear: retry after the policy's
// delay, or a final check when the attempts ran out). Every answer is audited as EXECUTED and
// counted on the order (Order.Sent). After the final check: FAILED when the venue proves it never
// got the order, in doubt (flagged, never re-sent) when it still cannot say. A halt in force
// (global, the trader's, the venue's) stops the send: an order never sent fails with the halt's
// code, one that may have arrived goes to the final check instead of out again.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;

public static class SendDecider
{
    /// <param name="halt">A halt in force for this order (ISendGuard), or null.</param>
    public static Pickup Pickup(Order order, SendSlot slot, RuleViolation? halt,
        DateTimeOffset now) => order.Status switch
    {
        // An order SMART split is never sent itself: its children are.
        _ when order.IsRoutedParent => new Pickup(PickupKind.Leave, Decision.Nothing),
        // A second worker, or a stale queue entry: one request per order at a time, and only the queued one.
        OrderStatus.PendingSubmit or OrderStatus.PendingCancel when slot.Sending =>
            new Pickup(PickupKind.Leave, Decision.Nothing),
        OrderStatus.PendingSubmit when slot is { Fresh: false, Attempt: 0 } => new Pickup(PickupKind.Leave,
            Decision.Nothing),
        OrderStatus.PendingCancel when slot is { Fresh: true, Attempt: 0 } => new Pickup(PickupKind.CancelUnsent,
            CancelUnsent(order, now)),
        OrderStatus.PendingCancel => new Pickup(PickupKind.AskVenue, Decision.Nothing),
        OrderStatus.PendingSubmit when halt is not null && slot.Attempt == 0 && !order.WasSent =>
            new Pickup(PickupKind.Halted, Transit.Apply(order, OrderTrigger.Failed,
                new Step(AuditAction.Failed, OrderEventType.Failed, now) { Reason = halt.Message,
                    ErrorCode = halt.Code })),
        OrderStatus.PendingSubmit when halt is not null => new Pickup(PickupKind.FinalCheck, Decision.Nothing),
        OrderStatus.PendingSubmit => new Pickup(PickupKind.Send, Decision.Nothing),
        _ => new Pickup(PickupKind.Leave, Decision.Nothing),
    };

    private static Decision CancelUnsent(Order order, DateTimeOffset now)
    {
        var (trigger, action, eventType) = ExpiryDecider.Cancellation(order);
        var reason = order.CancelIntent is not null ? order.Reason : "Cancelled before it was sent to the venue.";
        return Transit.Apply(order, trigger, new Step(action, eventType, now) { Reason = reason,
            ErrorCode = order.CancelIntent });
    }

    /// <param name="known">What the venue did at once, as its answer stated or a report that overtook it: committed
    /// with the acknowledgement.</param>
    public static SendOutcome Outcome(Order order, int attempt, VenueOutcome outcome, RetryPolicy policy,
        (ExecutionReport Report, FillContext Context)? known, DateTimeOffset now)
    {
        var sent = OrderChange.Of(order, order.Sent(now)).Audited(AuditRecord.Of(order, AuditAction.Executed,
            Actor.System, now, retryAttempt: attempt, errorCode: ErrorCodeOf(outcome)));
        // The venue already holds an order with this id: ours (Fillmore makes the ids), sent by an attempt whose
        // answer never came back. Not a rejection of the order: the venue is asked, as after an unclear answer.
        if (outcome is VenueOutcome.Rejected { Code: ReasonCodes.DuplicateClientOrderId } duplicate)
            outcome = new VenueOutcome.Unknown(duplicate.Code, duplicate.Reason);
        switch (outcome)
        {
            case VenueOutcome.Confirmed c:
                var acked = Transit.Apply(sent, OrderTrigger.VenueAccepted,
                    new Step(AuditAction.Acknowledged, OrderEventType.Submitted, now) { VenueTime = c.VenueTime });
                var next = acked.Change!.Order.Status == OrderStatus.PendingCancel ? SendNext.SendCancel
                    : SendNext.Done;
                return EmulatedIoc(Joined(acked, known, now, next), now);
            case VenueOutcome.Rejected r:
                return new SendOutcome(Transit.Apply(sent, OrderTrigger.VenueRejected,
                    new Step(AuditAction.Rejected, OrderEventType.Rejected, now) { Reason = r.Reason,
                        ErrorCode = r.Code }), SendNext.Done);
            case VenueOutcome.Fatal f:
                return new SendOutcome(Transit.Apply(sent, OrderTrigger.Failed,
                    new Step(AuditAction.Failed, OrderEventType.Failed, now) { Reason = FailureReason(f),
                        ErrorCode = f.Code }), SendNext.Done);
        }
        if (attempt >= policy.MaxRetriesFor(order.Path))
            return new SendOutcome(new Decision.Commit(sent), SendNext.FinalCheck);
        var delay = policy.DelayBefore(attempt + 1, outcome);
        var retrying = AuditRecord.Of(order, AuditAction.RetryScheduled, Actor.System, now, retryAttempt: attempt + 1,
            errorCode: ErrorCodeOf(outcome),
            reason: $"Attempt {attempt + 1} got no answer ({Describe(outcome)}); "
                + $"retrying in {delay.TotalSeconds:0.#} s.");
        var change = sent.Audited(retrying)
            .Emitting(OrderEvent.Of(sent.Order, OrderEventType.Retrying, now) with { Reason = retrying.Reason });
        return new SendOutcome(new Decision.Commit(change), SendNext.Retry) { RetryIn = delay };
    }

    // What the venue did at once is often known when its answer is recorded. Deciding it on top of
    // the acknowledgement and committing both as one change writes, numbers and streams exactly
    // what two commits would have, in the same order, for one commit instead of two.
    private static SendOutcome Joined(Decision acked, (ExecutionReport Report, FillContext Context)? known,
        DateTimeOffset now, SendNext next)
    {
        if (known is not { } k) return new SendOutcome(acked, next);
        var change = acked.Change!;
        var then = ReportDecider.Decide(change.Order, k.Report, k.Context, now);
        var gap = ReportDecider.RevealsGap(k.Report, k.Context, then);
        if (then.Change is null) return new SendOutcome(acked, next) { GapAfterJoin = gap };
        var joined = change.Then(then.Change);
        return new SendOutcome(acked is Decision.Anomaly a ? a with { Recorded = joined } : new Decision.Commit(joined),
            next)
        {
            JoinedReport = then is Decision.Commit ? k.Report : null,
            GapAfterJoin = gap,
        };
    }

    // An IOC the venue does not honour went out as DAY, or a slippage collar where the venue has no IOC: what did not
    // fill at once is cancelled right away.
    private static SendOutcome EmulatedIoc(SendOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Decision.Change is not { Order: { Status: OrderStatus.Pending
            or OrderStatus.Partial } working } change
            || (working.Spec.TimeInForce != TimeInForce.Ioc && !working.IsCollared)
            || working.Terms.TimeInForce == TimeInForce.Ioc)
            return outcome;
        var cancel = working.IsCollared
            ? FamilyDecider.SystemCancel(working, ReasonCodes.SlippageLimit, Slippage.Reason(working), now)
            : FamilyDecider.SystemCancel(working, ReasonCodes.IocRemainder,
                "IOC: what did not fill at once is cancelled.", now);
        if (cancel.Change is not { } then) return outcome;
        var joined = change.Then(then);
        return outcome with
        {
            Decision = outcome.Decision is Decision.Anomaly a ? a with { Recorded = joined }
                : new Decision.Commit(joined),
            Next = SendNext.SendCancel,
        };
    }

    /// <summary>The venue proves it never received the order after every attempt: FAILED, nothing executed.</summary>
    public static Decision NeverReceived(Order order, int attempts, DateTimeOffset now) =>
        order.Status != OrderStatus.PendingSubmit ? Decision.Nothing
            : Transit.Apply(order, OrderTrigger.Failed, new Step(AuditAction.Failed, OrderEventType.Failed, now)
            {
                Reason = $"Not executed: the venue never received the order ({Attempts(attempts)}) "
                    + "and confirms it does not have it. Retry it or acknowledge it.",
                ErrorCode = ReasonCodes.VenueNeverReceived,
            });

    /// <summary>Every attempt and the final question went unanswered: flagged in doubt, never sent again.</summary>
    public static Decision InDoubt(Order order, int attempts, DateTimeOffset now)
    {
        if (order.Status != OrderStatus.PendingSubmit) return Decision.Nothing;
        var reason =
            $"In doubt: {Attempts(attempts)} got no clear answer from the venue. The order may be there; "
                + "Fillmore will not send it again and keeps asking the venue until it knows.";
        var flagged = order.Flagged(reason, now);
        return new Decision.Commit(OrderChange.Of(order, flagged)
            .Audited(AuditRecord.Of(flagged, AuditAction.Anomaly, Actor.System, now, reason: reason,
                errorCode: ReasonCodes.OutcomeUnknown))
            .Emitting(OrderEvent.Of(flagged, OrderEventType.InDoubt, now)));
    }

    /// <summary>The answer a question to the venue that failed stands for: unclear, nothing re-sent.</summary>
    public static VenueOutcome Unanswered(VenueQuery.Unknown unknown) =>
        new VenueOutcome.Unknown(ReasonCodes.StatusUnknown,
        $"the venue could not say whether it has the order ({unknown.Reason}); not re-sent");

    public static string? ErrorCodeOf(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Rejected r => r.Code,
        VenueOutcome.Retryable r => r.Code,
        VenueOutcome.Unknown u => u.Code,
        VenueOutcome.Fatal f => f.Code,
        _ => null,
    };

    public static string FailureReason(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Retryable r =>
            $"The venue could not take the order ({r.Reason}). Nothing was executed; retry the order.",
        VenueOutcome.Unknown u => $"The venue did not answer ({u.Reason}). Check the order before retrying it.",
        VenueOutcome.Fatal f => $"The venue refused the connection ({f.Reason}). An operator has to look at the venue.",
        _ => "The order could not be sent.",
    };

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";

    private static string Describe(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Retryable r => r.Reason,
        VenueOutcome.Unknown u => u.Reason,
        _ => outcome.GetType().Name,
    };
}
