// The trader-facing commands: submit and cancel. Submit validates the shape, picks the execution
// path, runs the pre-trade pipeline against the trader's ledger (v2), and persists the order
// (PENDING_SUBMIT with its cash reservation, or DENIED) in one commit before anything is sent;
// only then is it handed to the ExecutionCoordinator. The check and the reservation happen in the
// trader's gate, so concurrent orders can never jointly exceed a limit.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;

public sealed class OrderService(
    IOrderStore store,
    TraderLocks locks,
    OrderMutator mutator,
    LedgerBook ledgers,
    ExecutionCoordinator coordinator,
    IExecutionPathSelector paths,
    PreTradePipeline preTrade,
    IMarketData market,
    IIdGenerator ids,
    TimeProvider time)
{
    public async Task<SubmitResult> SubmitAsync(TraderId trader, OrderDraft draft, CancellationToken ct = default)
    {
        var errors = OrderShapeRules.Validate(draft, out var spec, s => market.FindInstrument(s)?.TickSize);
        if (spec is null) return new SubmitResult.Invalid(errors);
        var path = paths.PathFor(trader);
        SubmitResult result;
        using (await locks.EnterAsync(trader, ct).ConfigureAwait(false))
        {
            if (draft.ClientOrderId is { } clientId && await store.FindByClientOrderIdAsync(trader, clientId, ct).ConfigureAwait(false) is { } existing)
                return Replay(existing, spec);
            var context = preTrade.ContextFor(trader, spec, await ledgers.GetAsync(trader, ct).ConfigureAwait(false));
            var violations = path == ExecutionPath.V2 ? preTrade.Evaluate(context) : [];
            var now = time.GetUtcNow();
            var order = violations.Count == 0
                ? Order.CreatePending(OrderId.From(ids), trader, draft.ClientOrderId, spec, coordinator.VenueName, path, now) with { ReservePrice = context.ReservePrice }
                : Order.CreateDenied(OrderId.From(ids), trader, draft.ClientOrderId, spec, coordinator.VenueName, path, violations[0].Message, now);
            var commit = await mutator.TryCommitAsync(NewOrderChange(order, violations, now), trader, ct).ConfigureAwait(false);
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
