// Cancelling: the decision who sends the venue cancel is taken inside the trader's gate.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed partial class ExecutionCoordinator
{
    public async Task<CancelResult> CancelAsync(TraderId trader, OrderId id, CancellationToken ct = default)
    {
        CancelResult? refusal = null;
        var sendNow = false;
        var after = await mutator.MutateAsync(id, order =>
        {
            if (order.TraderId != trader) { refusal = new CancelResult.NotFound(); return null; }
            if (order.Status.IsTerminal()) { refusal = new CancelResult.NotCancellable(order); return null; }
            if (order.Status == OrderStatus.PendingCancel) return null;
            // Working at the venue: cancel there now. Still PENDING_SUBMIT: whoever holds the
            // order (the sender, or the reconciler after a restart or for an order in doubt)
            // finishes the cancel once it knows whether the venue has the order.
            sendNow = order.Status is OrderStatus.Pending or OrderStatus.Partial;
            if (order.Status == OrderStatus.PendingSubmit && !IsBusy(order.Id)) RequestReconciliation();
            var now = time.GetUtcNow();
            var pending = order.Apply(OrderTrigger.CancelRequested, now)!;
            return OrderChange.Of(order, pending)
                .Audited(AuditRecord.Of(pending, AuditAction.CancelRequested, Actor.Trader, now))
                .Emitting(OrderEvent.Of(pending, OrderEventType.CancelRequested, now));
        }, ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        if (after is null) return new CancelResult.NotFound();
        if (sendNow) await SendCancelAsync(id, ct).ConfigureAwait(false);
        return new CancelResult.Accepted(after);
    }

    private async Task SendCancelAsync(OrderId id, CancellationToken ct)
    {
        var outcome = await venue.CancelAsync(id, ct).ConfigureAwait(false);
        if (outcome is VenueOutcome.Confirmed) return; // the Cancelled report follows on the report stream
        await mutator.MutateAsync(id, order =>
        {
            var now = time.GetUtcNow();
            return outcome is VenueOutcome.Rejected r
                ? Transit(order, OrderTrigger.CancelRejected, now, r.Reason, AuditAction.CancelRejected, OrderEventType.CancelRejected, null, r.Code)
                // Could not reach the venue: the order stays PENDING_CANCEL and reconciliation settles it.
                : OrderChange.Of(order, order).Audited(AuditRecord.Of(order, AuditAction.CancelRequested, Actor.System, now,
                    reason: FailureReason(outcome), errorCode: ErrorCodeOf(outcome)));
        }, ct).ConfigureAwait(false);
    }
}
