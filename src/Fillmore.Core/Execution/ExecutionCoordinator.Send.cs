// Sending, with retry. Attempt 0 goes out at once. A Retryable or Unknown outcome is audited
// (EXECUTED with its error code, then RETRY_SCHEDULED) and the order is queued again after
// 1 s, 2 s, 4 s. Before every re-send the venue is asked for the order: Found means an earlier
// attempt did arrive, so its state is adopted (RECOVERED) and it is never sent again; a failed
// question proves nothing, so nothing is sent and it counts as another unknown attempt. When the
// attempts run out, one last question decides: the venue has it (adopt), proves it never got it
// (FAILED), or still cannot say (the order stays in flight, in doubt, for the reconciler).
namespace Fillmore.Core.Execution;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed partial class ExecutionCoordinator
{
    private enum Next { Done, Retry, FinalCheck, SendCancel }

    private async Task SendAsync(OrderId id, CancellationToken ct)
    {
        if (leases.Shared && !await leases.OwnsAsync(id, ct).ConfigureAwait(false))
        {
            // Our lease lapsed and another node claimed the order: it reconciles and sends, never both of us.
            _unsent.TryRemove(id, out _);
            _attempts.TryRemove(id, out _);
            return;
        }
        Order? toSend = null;
        var reconcileInstead = false;
        var attempt = 0;
        await mutator.MutateAsync(id, order =>
        {
            var fresh = _unsent.TryRemove(id, out _);
            attempt = _attempts.TryRemove(id, out var a) ? a : 0;
            if (order.Status == OrderStatus.PendingCancel && fresh && attempt == 0)
                return Cancel(order, time.GetUtcNow(), "Cancelled before it was sent to the venue.", null);
            // Cancelled between attempts: an earlier attempt may have arrived, so ask the venue.
            reconcileInstead = order.Status == OrderStatus.PendingCancel;
            if (order.Status != OrderStatus.PendingSubmit) return null;
            _sending[id] = 0;
            toSend = order;
            return null;
        }, ct).ConfigureAwait(false);
        if (reconcileInstead) await ReconcileAsync(id, ct).ConfigureAwait(false);
        if (toSend is null) return;

        var next = Next.Done;
        try
        {
            next = await AttemptAsync(toSend, attempt, ct).ConfigureAwait(false);
        }
        finally
        {
            _sending.TryRemove(id, out _);
        }
        foreach (var report in _parked.TryRemove(id, out var parked) ? parked : [])
            await ApplyReportAsync(report, ct).ConfigureAwait(false);
        await FollowUpAsync(id, attempt, next, ct).ConfigureAwait(false);
    }

    private async Task<Next> AttemptAsync(Order order, int attempt, CancellationToken ct)
    {
        if (attempt > 0)
        {
            var answer = await venue.QueryAsync(order.Id, ct).ConfigureAwait(false);
            if (answer is VenueQuery.Found found)
            {
                _sending.TryRemove(order.Id, out _);
                await AdoptAsync(order.Id, found.State, AuditAction.Recovered, OrderEventType.Recovered, ct).ConfigureAwait(false);
                return Next.Done;
            }
            if (answer is VenueQuery.Unknown unknown)
                return await RecordOutcomeAsync(order.Id, new VenueOutcome.Unknown("STATUS_UNKNOWN", $"the venue could not say whether it has the order ({unknown.Reason}); not re-sent"), attempt, ct).ConfigureAwait(false);
        }
        var outcome = await venue.SubmitAsync(order, ct).ConfigureAwait(false);
        return await RecordOutcomeAsync(order.Id, outcome, attempt, ct).ConfigureAwait(false);
    }

    private async Task<Next> RecordOutcomeAsync(OrderId id, VenueOutcome outcome, int attempt, CancellationToken ct)
    {
        var next = Next.Done;
        ExecutionReport? joined = null;
        var joinedApplied = false;
        long? recorded = null;
        var after = await mutator.MutateAsync(id, async order =>
        {
            _sending.TryRemove(id, out _);
            var now = time.GetUtcNow();
            var executed = AuditRecord.Of(order, AuditAction.Executed, Actor.System, now, retryAttempt: attempt, errorCode: ErrorCodeOf(outcome));
            switch (outcome)
            {
                case VenueOutcome.Confirmed c:
                    var acked = Transit(order, OrderTrigger.VenueAccepted, now, null, AuditAction.Acknowledged, OrderEventType.Submitted, c.VenueTime, null, executed);
                    next = (acked?.Order ?? order).Status == OrderStatus.PendingCancel ? Next.SendCancel : Next.Done;
                    if (acked is null || FirstKnownReport(id, c) is not { } report) return acked;
                    joined = report;
                    (var change, joinedApplied) = await JoinReportAsync(acked, report, q => recorded = q, ct).ConfigureAwait(false);
                    return change;
                case VenueOutcome.Rejected r:
                    return Transit(order, OrderTrigger.VenueRejected, now, r.Reason, AuditAction.Rejected, OrderEventType.Rejected, null, r.Code, executed);
                case VenueOutcome.Fatal f:
                    return Transit(order, OrderTrigger.Failed, now, FailureReason(f), AuditAction.Failed, OrderEventType.Failed, null, f.Code, executed);
            }
            if (attempt < MaxRetries(order))
            {
                next = Next.Retry;
                var delay = RetryDelay(outcome, attempt + 1);
                // Armed before the commit that announces it: whoever sees RETRY_SCHEDULED can rely
                // on the timer. The retry re-reads the order inside the gate, so it is harmless even
                // if this commit failed.
                ScheduleRetry(id, attempt + 1, delay);
                var retrying = AuditRecord.Of(order, AuditAction.RetryScheduled, Actor.System, now, retryAttempt: attempt + 1, errorCode: ErrorCodeOf(outcome),
                    reason: $"Attempt {attempt + 1} got no answer ({Describe(outcome)}); retrying in {delay.TotalSeconds:0.#} s.");
                return OrderChange.Of(order, order).Audited(executed).Audited(retrying)
                    .Emitting(OrderEvent.Of(order, OrderEventType.Retrying, now) with { Reason = retrying.Reason });
            }
            next = Next.FinalCheck;
            return OrderChange.Of(order, order).Audited(executed);
        }, ct).ConfigureAwait(false);
        if (joined is not null && after is not null)
        {
            if (joinedApplied) LogReport(joined, after);
            await FollowGapAsync(joined, recorded, ct).ConfigureAwait(false);
        }
        return next;
    }

    // What the venue did at once is often known when its answer is recorded: the answer states it
    // (an immediate fill), or a drop copy quicker than the answer overtook it and was parked.
    // Deciding the first such report on top of the acknowledgement and committing both as one
    // change writes, numbers and streams exactly what two commits would have, in the same order,
    // for one commit instead of two. The other copy of that report is then a duplicate, ignored.
    private ExecutionReport? FirstKnownReport(OrderId id, VenueOutcome.Confirmed answer) =>
        answer.Executions.FirstOrDefault(r => r.OrderId == id) ?? TakeFirstParked(id);

    private async ValueTask<(OrderChange Change, bool Applied)> JoinReportAsync(OrderChange acked, ExecutionReport report, Action<long> recordedAfter, CancellationToken ct)
    {
        var then = await DecideReportAsync(acked.Order, report, recordedAfter, ct).ConfigureAwait(false);
        return then is null ? (acked, false) : (acked.Then(then), true);
    }

    // Inside the gate, after _sending was cleared: nobody else adds to or takes from this order's parked reports.
    private ExecutionReport? TakeFirstParked(OrderId id)
    {
        if (!_parked.TryGetValue(id, out var parked) || parked.Count == 0) return null;
        if (parked.Count == 1) _parked.TryRemove(id, out _);
        else _parked[id] = parked.Skip(1).ToList();
        return parked[0];
    }

    private async Task FollowUpAsync(OrderId id, int attempt, Next next, CancellationToken ct)
    {
        switch (next)
        {
            case Next.FinalCheck:
                await FinalCheckAsync(id, attempt + 1, ct).ConfigureAwait(false);
                break;
            case Next.SendCancel:
                await SendCancelAsync(id, ct).ConfigureAwait(false);
                break;
        }
    }

    private void ScheduleRetry(OrderId id, int attempt, TimeSpan delay)
    {
        _attempts[id] = attempt;
        var timer = time.CreateTimer(_ =>
        {
            if (_retryTimers.TryRemove(id, out var t)) t.Dispose();
            _toSend.Writer.TryWrite(id);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retryTimers[id] = timer;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    // The attempts ran out without a clear answer: ask one more time, then decide.
    private async Task FinalCheckAsync(OrderId id, int attempts, CancellationToken ct)
    {
        var answer = await venue.QueryAsync(id, ct).ConfigureAwait(false);
        switch (answer)
        {
            case VenueQuery.Found found:
                await AdoptAsync(id, found.State, AuditAction.Recovered, OrderEventType.Recovered, ct).ConfigureAwait(false);
                break;
            case VenueQuery.NotFound:
                await mutator.MutateAsync(id, order => order.Status != OrderStatus.PendingSubmit ? null
                    : Transit(order, OrderTrigger.Failed, time.GetUtcNow(),
                        $"Not executed: the venue never received the order ({Attempts(attempts)}) and confirms it does not have it. Retry it or acknowledge it.",
                        AuditAction.Failed, OrderEventType.Failed, null, "VENUE_NEVER_RECEIVED"), ct).ConfigureAwait(false);
                break;
            default:
                await MarkInDoubtAsync(id, attempts, ct).ConfigureAwait(false);
                break;
        }
    }

    private Task MarkInDoubtAsync(OrderId id, int attempts, CancellationToken ct) =>
        mutator.MutateAsync(id, order =>
        {
            if (order.Status != OrderStatus.PendingSubmit) return null;
            var now = time.GetUtcNow();
            var reason = $"In doubt: {Attempts(attempts)} got no clear answer from the venue. The order may be there; Fillmore will not send it again and keeps asking the venue until it knows.";
            var flagged = order with { Reason = reason, UpdatedAt = now, Version = order.Version + 1 };
            return OrderChange.Of(order, flagged)
                .Audited(AuditRecord.Of(flagged, AuditAction.Anomaly, Actor.System, now, reason: reason, errorCode: "OUTCOME_UNKNOWN"))
                .Emitting(OrderEvent.Of(flagged, OrderEventType.InDoubt, now));
        }, ct);

    private int MaxRetries(Order order) => order.Path == ExecutionPath.V2 ? options.RetryMaxAttempts : 0;

    private TimeSpan RetryDelay(VenueOutcome outcome, int attempt)
    {
        var backoff = options.RetryDelay(attempt);
        return outcome is VenueOutcome.Retryable { RetryAfter: { } after } && after > backoff ? after : backoff;
    }

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";

    private static string Describe(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Retryable r => r.Reason,
        VenueOutcome.Unknown u => u.Reason,
        _ => outcome.GetType().Name,
    };

    /// <summary>
    /// Applies a trigger and builds the change: the optional leading audit entry, the action's
    /// entry and event when the order moves, only the leading entry when the table says Ignore,
    /// and an ANOMALY entry when it says Illegal.
    /// </summary>
    private static OrderChange? Transit(Order order, OrderTrigger trigger, DateTimeOffset now, string? reason,
        AuditAction action, string eventType, DateTimeOffset? venueTime, string? errorCode, AuditRecord? leading = null)
    {
        var change = OrderChange.Of(order, order);
        if (leading is not null) change = change.Audited(leading);
        var transition = OrderTransitions.Next(order.Status, trigger, order.FilledQuantity > 0);
        if (transition.Kind == TransitionKind.Illegal)
            return change.Audited(Anomaly(order, now, $"The venue reported {ApiNames.Of(trigger)} while the order was {ApiNames.Of(order.Status)}; ignored, reconciliation will settle it."));
        var after = order.Apply(trigger, now, reason);
        if (after is null) return leading is null ? null : change;
        return (change with { Order = after })
            .Audited(AuditRecord.Of(after, action, Actor.System, now, errorCode: errorCode))
            .Emitting(OrderEvent.Of(after, eventType, now, venueTime));
    }

    private static AuditRecord Anomaly(Order order, DateTimeOffset now, string reason) =>
        AuditRecord.Of(order, AuditAction.Anomaly, Actor.System, now, reason: reason, errorCode: "ILLEGAL_TRANSITION");

    private static OrderChange? Cancel(Order order, DateTimeOffset now, string reason, DateTimeOffset? venueTime) =>
        Transit(order, OrderTrigger.Cancelled, now, reason, AuditAction.Cancelled, OrderEventType.Cancelled, venueTime, null);

    private static string? ErrorCodeOf(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Rejected r => r.Code,
        VenueOutcome.Retryable r => r.Code,
        VenueOutcome.Unknown u => u.Code,
        VenueOutcome.Fatal f => f.Code,
        _ => null,
    };

    private static string FailureReason(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Retryable r => $"The venue could not take the order ({r.Reason}). Nothing was executed; retry the order.",
        VenueOutcome.Unknown u => $"The venue did not answer ({u.Reason}). Check the order before retrying it.",
        VenueOutcome.Fatal f => $"The venue refused the connection ({f.Reason}). An operator has to look at the venue.",
        _ => "The order could not be sent.",
    };
}
