// The trader-facing commands: submit and cancel. Submit validates the shape, picks the execution
// path, runs the pre-trade check (v2), and persists the order (PENDING_SUBMIT or DENIED) in one
// commit before anything is sent; only then is it handed to the ExecutionCoordinator.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;

public sealed class OrderService(
    IOrderStore store,
    TraderLocks locks,
    ExecutionCoordinator coordinator,
    IExecutionPathSelector paths,
    IPreTradeCheck preTrade,
    IIdGenerator ids,
    TimeProvider time)
{
    public async Task<SubmitResult> SubmitAsync(TraderId trader, OrderDraft draft, CancellationToken ct = default)
    {
        var errors = OrderShapeRules.Validate(draft, out var spec);
        if (spec is null) return new SubmitResult.Invalid(errors);
        var path = paths.PathFor(trader);
        SubmitResult result;
        using (await locks.EnterAsync(trader, ct).ConfigureAwait(false))
        {
            if (draft.ClientOrderId is { } clientId && await store.FindByClientOrderIdAsync(trader, clientId, ct).ConfigureAwait(false) is { } existing)
                return Replay(existing, spec);
            var violations = path == ExecutionPath.V2 ? await preTrade.CheckAsync(trader, spec, ct).ConfigureAwait(false) : [];
            var now = time.GetUtcNow();
            var order = violations.Count == 0
                ? Order.CreatePending(OrderId.From(ids), trader, draft.ClientOrderId, spec, coordinator.VenueName, path, now)
                : Order.CreateDenied(OrderId.From(ids), trader, draft.ClientOrderId, spec, coordinator.VenueName, path, violations[0].Message, now);
            var commit = await store.CommitAsync(NewOrderChange(order, violations, now), ct).ConfigureAwait(false);
            if (commit.Status == CommitStatus.DuplicateClientOrderId)
            {
                // Another node won the race for this client order id: answer as if we had seen it first.
                var winner = await store.FindByClientOrderIdAsync(trader, draft.ClientOrderId!, ct).ConfigureAwait(false);
                return Replay(winner ?? throw new StoreConflictException(order.Id, commit.Status), spec);
            }
            if (!commit.Ok) throw new StoreConflictException(order.Id, commit.Status);
            result = violations.Count == 0 ? new SubmitResult.Created(order) : new SubmitResult.Denied(order, violations);
        }
        if (result is SubmitResult.Created created) coordinator.Dispatch(created.Order.Id);
        return result;
    }

    /// <summary>Records the trader's cancel request; see ExecutionCoordinator.CancelAsync.</summary>
    public Task<CancelResult> CancelAsync(TraderId trader, OrderId id, CancellationToken ct = default) =>
        coordinator.CancelAsync(trader, id, ct);

    private static SubmitResult Replay(Order existing, OrderSpec spec) =>
        existing.Spec == spec ? new SubmitResult.Replayed(existing) : new SubmitResult.ClientOrderIdReused(existing);

    private static OrderChange NewOrderChange(Order order, IReadOnlyList<RuleViolation> violations, DateTimeOffset now)
    {
        var change = OrderChange.NewOrder(order).Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, now));
        if (violations.Count > 0)
            return change
                .Audited(AuditRecord.Of(order, AuditAction.Denied, Actor.System, now, reason: string.Join(" ", violations.Select(v => v.Message)), errorCode: violations[0].Code))
                .Emitting(OrderEvent.Of(order, OrderEventType.Denied, now));
        if (order.Path == ExecutionPath.V2)
            change = change.Audited(AuditRecord.Of(order, AuditAction.Approved, Actor.System, now));
        return change.Emitting(OrderEvent.Of(order, OrderEventType.Accepted, now));
    }
}
