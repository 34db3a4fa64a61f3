// Moves persisted orders to the venue and venue news back into the store.
//  - Dispatch: an order committed as PENDING_SUBMIT is queued; a sender sends it and records the
//    outcome. An order is read from the store inside its trader's gate before it is sent, so an
//    order cancelled before it left is never sent.
//  - Reports: fills, cancels, rejections and expiries from the venue are applied once each
//    (fills deduplicated by execution id), through the transition table; anything the table
//    refuses is recorded as an ANOMALY instead of being forced.
//  - Cancel: decided inside the trader's gate together with what is in flight, so exactly one
//    party sends the venue cancel (or the order is cancelled locally if it never left).
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using System.Threading.Channels;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;

public sealed partial class ExecutionCoordinator(
    IOrderStore store,
    OrderMutator mutator,
    LedgerBook ledgers,
    IVenue venue,
    IIdGenerator ids,
    TimeProvider time,
    ExecutionOptions options,
    ILogger<ExecutionCoordinator> log)
{
    private readonly Channel<OrderId> _toSend = Channel.CreateUnbounded<OrderId>();
    // Queued by this process and not yet picked up: provably never sent, so safe to cancel locally.
    private readonly ConcurrentDictionary<OrderId, byte> _unsent = new();
    // A submit request is on its way to the venue: a cancel must wait for its outcome, and reports
    // that overtake the outcome are parked until it is recorded, so the audit trail reads in order.
    private readonly ConcurrentDictionary<OrderId, byte> _sending = new();
    private readonly ConcurrentDictionary<OrderId, List<ExecutionReport>> _parked = new();

    public string VenueName => venue.Name;

    public void Dispatch(OrderId id)
    {
        _unsent[id] = 0;
        _toSend.Writer.TryWrite(id);
    }

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, options.SendConcurrency).Select(_ => SendLoopAsync(ct)).Append(ReportLoopAsync(ct)));

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var id in _toSend.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                await GuardAsync(() => SendAsync(id, ct), id).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task ReportLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var report in venue.Reports.ReadAllAsync(ct).ConfigureAwait(false))
                await GuardAsync(() => ApplyReportAsync(report, ct), report.OrderId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    // One failing order must never stop the loops that serve every other order.
    private async Task GuardAsync(Func<Task> work, OrderId id)
    {
        try { await work().ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogOrderFailure(ex, id); }
    }

    private async Task SendAsync(OrderId id, CancellationToken ct)
    {
        Order? toSend = null;
        await mutator.MutateAsync(id, order =>
        {
            var neverSent = _unsent.TryRemove(id, out _);
            if (order.Status == OrderStatus.PendingCancel && neverSent)
                return Cancel(order, time.GetUtcNow(), "Cancelled before it was sent to the venue.", null);
            if (order.Status != OrderStatus.PendingSubmit) return null;
            _sending[id] = 0;
            toSend = order;
            return null;
        }, ct).ConfigureAwait(false);
        if (toSend is null) return;

        var sendCancel = false;
        try
        {
            var outcome = await venue.SubmitAsync(toSend, ct).ConfigureAwait(false);
            await mutator.MutateAsync(id, order =>
            {
                _sending.TryRemove(id, out _);
                var change = SubmitOutcomeChange(order, outcome, time.GetUtcNow());
                // The trader asked to cancel while the order was on its way: now it can be cancelled at the venue.
                sendCancel = (change?.Order ?? order).Status == OrderStatus.PendingCancel && outcome is VenueOutcome.Confirmed;
                return change;
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            _sending.TryRemove(id, out _);
        }
        foreach (var report in _parked.TryRemove(id, out var parked) ? parked : [])
            await ApplyReportAsync(report, ct).ConfigureAwait(false);
        if (sendCancel) await SendCancelAsync(id, ct).ConfigureAwait(false);
    }

    private OrderChange? SubmitOutcomeChange(Order order, VenueOutcome outcome, DateTimeOffset now)
    {
        var executed = AuditRecord.Of(order, AuditAction.Executed, Actor.System, now, retryAttempt: 0, errorCode: ErrorCodeOf(outcome));
        return outcome switch
        {
            VenueOutcome.Confirmed c => Transit(order, OrderTrigger.VenueAccepted, now, null, AuditAction.Acknowledged, OrderEventType.Submitted, c.VenueTime, null, executed),
            VenueOutcome.Rejected r => Transit(order, OrderTrigger.VenueRejected, now, r.Reason, AuditAction.Rejected, OrderEventType.Rejected, null, r.Code, executed),
            _ => Transit(order, OrderTrigger.Failed, now, FailureReason(outcome), AuditAction.Failed, OrderEventType.Failed, null, ErrorCodeOf(outcome), executed),
        };
    }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing order {OrderId} failed; it stays as stored and will be reconciled.")]
    private partial void LogOrderFailure(Exception ex, OrderId orderId);
}
