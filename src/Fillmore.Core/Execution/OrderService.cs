// The trader-facing commands: submit and cancel. Submit validates the shape, picks the execution
// path, runs the pre-trade pipeline against the trader's ledger (v2), and persists the order
// (PENDING_SUBMIT with its cash reservation, or DENIED) in one commit before anything is sent;
// only then is it handed to the ExecutionCoordinator. The check and the reservation happen in the
// trader's gate, so concurrent orders can never jointly exceed a limit.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
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
    IWorkLeases leases,
    TimeProvider time)
{
    // A decision made from a stale ledger (another node changed the account since it was cached)
    // is refused by the account guard; the ledger is then reloaded and the order decided again.
    private const int StaleLedgerAttempts = 3;

    public async Task<SubmitResult> SubmitAsync(TraderId trader, OrderDraft draft, CancellationToken ct = default)
    {
        var errors = OrderShapeRules.Validate(draft, out var spec, s => market.FindInstrument(s)?.TickSize);
        if (spec is null) return new SubmitResult.Invalid(errors);
        var path = paths.PathFor(trader);
        SubmitResult? result = null;
        using (await locks.EnterAsync(trader, ct).ConfigureAwait(false))
        {
            for (var attempt = 1; result is null; attempt++)
                result = await TrySubmitAsync(trader, draft, spec, path, lastAttempt: attempt == StaleLedgerAttempts,
                    ct).ConfigureAwait(false);
        }
        if (result is SubmitResult.Created created) coordinator.Dispatch(created.Order.Id);
        return result;
    }

    /// <returns>null when the ledger was stale and the order must be decided again.</returns>
    private async Task<SubmitResult?> TrySubmitAsync(TraderId trader, OrderDraft draft, OrderSpec spec,
        ExecutionPath path, bool lastAttempt, CancellationToken ct)
    {
        // No read first: a client order id seen before is refused by the store's unique index, and
        // the order that holds it is replayed below (a retried request is rare; a read per order is not).
        var (context, violations, ledger) = await DecideAsync(trader, spec, path, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var order = violations.Count == 0
            ? Order.CreatePending(OrderId.From(ids), trader, draft.ClientOrderId, spec, coordinator.VenueName, path,
                now) with { ReservePrice = context.ReservePrice }
            : Order.CreateDenied(OrderId.From(ids), trader, draft.ClientOrderId, spec, coordinator.VenueName, path,
                violations[0].Message, now);
        var change = NewOrderChange(order, violations, now);
        // Only an acceptance that the rules checked against an existing account reserves anything.
        if (violations.Count == 0 && path == ExecutionPath.V2 && ledger.Exists)
            change = change with { AccountGuard = ledger.Account.Version };
        var commit = await mutator.TryCommitAsync(change, trader, ct).ConfigureAwait(false);
        if (commit.Status == CommitStatus.DuplicateClientOrderId)
        {
            // A retried request, or another node won the race for this client order id: answer with the order that has
            // it.
            var winner = await store.FindByClientOrderIdAsync(trader, draft.ClientOrderId!, ct).ConfigureAwait(false);
            return Replay(winner ?? throw new StoreConflictException(order.Id, commit.Status), spec);
        }
        // the refusal dropped the cached ledger
        if (commit.Status == CommitStatus.VersionConflict && !lastAttempt) return null;
        if (!commit.Ok) throw new StoreConflictException(order.Id, commit.Status);
        return violations.Count == 0 ? new SubmitResult.Created(order) : new SubmitResult.Denied(order, violations);
    }

    // With other nodes on the store, a denial may come from a ledger that misses their cancels and
    // fills (they release buying power without touching the account version): it is checked once
    // more against a fresh ledger before the trader is told no.
    private async Task<(PreTradeContext Context, IReadOnlyList<RuleViolation> Violations, Ledger Ledger)> DecideAsync(
        TraderId trader, OrderSpec spec, ExecutionPath path, CancellationToken ct)
    {
        var ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        var context = preTrade.ContextFor(trader, spec, ledger);
        var violations = path == ExecutionPath.V2 ? preTrade.Evaluate(context) : [];
        if (violations.Count == 0 || !leases.Shared) return (context, violations, ledger);
        ledgers.Invalidate(trader);
        ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        context = preTrade.ContextFor(trader, spec, ledger);
        return (context, preTrade.Evaluate(context), ledger);
    }

    /// <summary>Records the trader's cancel request; see ExecutionCoordinator.CancelAsync.</summary>
    public Task<CancelResult> CancelAsync(TraderId trader, OrderId id, CancellationToken ct = default) =>
        coordinator.CancelAsync(trader, id, ct);

    /// <summary>
    /// The trader re-sends a FAILED order under the same id. The venue is asked first: if it has
    /// the order after all, its state is adopted instead; if it cannot say, nothing is sent. On
    /// the v2 path the risk rules run again, since the market and the account have moved since.
    /// Whether the order may be retried at all is its own answer (RecoveryDecider.Refusal), given
    /// before the venue is asked and again in the gate.
    /// </summary>
    public async Task<RecoveryResult> RetryAsync(TraderId trader, OrderId id, CancellationToken ct = default)
    {
        var order = await store.GetOrderAsync(id, ct).ConfigureAwait(false);
        if (order is null || order.TraderId != trader) return new RecoveryResult.NotFound();
        if (RecoveryDecider.Refusal(order, OrderTrigger.Resubmitted, time.GetUtcNow()) is { } refused) return refused;
        var answer = await coordinator.QueryVenueAsync(id, ct).ConfigureAwait(false);
        if (answer is VenueQuery.Unknown unknown) return new RecoveryResult.VenueUnavailable(unknown.Reason);
        var retried = await mutator.MutateAsync(id,
            current => DecideRetryAsync(current, answer is VenueQuery.Found, ct), ct).ConfigureAwait(false);
        if (retried.Result is { } refusal) return refusal;
        if (answer is VenueQuery.Found found)
            await coordinator.AdoptFoundAsync(id, found.State, ct).ConfigureAwait(false);
        else coordinator.Dispatch(id);
        return new RecoveryResult.Done(await store.GetOrderAsync(id, ct).ConfigureAwait(false) ?? retried.Order!);
    }

    // In the gate: allowed still? Then, unless the venue has it, the risk rules against the ledger as it is now.
    private async ValueTask<Decided<RecoveryResult?>> DecideRetryAsync(Order order, bool venueHasIt,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (RecoveryDecider.Refusal(order, OrderTrigger.Resubmitted, now) is { } refused) return new(null, refused);
        long? guard = null;
        if (!venueHasIt && order.Path == ExecutionPath.V2)
        {
            var (_, violations, ledger) = await DecideAsync(order.TraderId, order.Spec, order.Path, ct)
                .ConfigureAwait(false);
            if (violations.Count > 0) return new(null, new RecoveryResult.Denied(order, violations));
            guard = ledger.Exists ? ledger.Account.Version : null;
        }
        return new(RecoveryDecider.Resubmit(order, venueHasIt, guard, now).Change, null);
    }

    /// <summary>The trader closes out a FAILED order: it stays FAILED and will not be retried.</summary>
    public async Task<RecoveryResult> AcknowledgeAsync(TraderId trader, OrderId id, CancellationToken ct = default)
    {
        var acknowledged = await mutator.MutateAsync(id, order =>
        {
            if (order.TraderId != trader) return new Decided<RecoveryResult>(null, new RecoveryResult.NotFound());
            var now = time.GetUtcNow();
            if (RecoveryDecider.Refusal(order, OrderTrigger.FailureAcknowledged, now) is { } refused)
                return new(null, refused);
            var decision = RecoveryDecider.Acknowledge(order, now);
            return new(decision.Change, new RecoveryResult.Done(decision.Change?.Order ?? order));
        }, ct).ConfigureAwait(false);
        return acknowledged.Found ? acknowledged.Result : new RecoveryResult.NotFound();
    }

    private static SubmitResult Replay(Order existing, OrderSpec spec) =>
        existing.Spec == spec ? new SubmitResult.Replayed(existing) : new SubmitResult.ClientOrderIdReused(existing);

    private static OrderChange NewOrderChange(Order order, IReadOnlyList<RuleViolation> violations, DateTimeOffset now)
    {
        var change = OrderChange.NewOrder(order)
            .Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, now));
        if (violations.Count > 0)
            return change
                .Audited(AuditRecord.Of(order, AuditAction.Denied, Actor.System, now,
                    reason: string.Join(" ", violations.Select(v => v.Message)), errorCode: violations[0].Code))
                .Emitting(OrderEvent.Of(order, OrderEventType.Denied, now));
        if (order.Path == ExecutionPath.V2)
            change = change.Audited(AuditRecord.Of(order, AuditAction.Approved, Actor.System, now));
        return change.Emitting(OrderEvent.Of(order, OrderEventType.Accepted, now));
    }
}
