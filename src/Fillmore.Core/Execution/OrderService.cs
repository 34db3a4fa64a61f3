// The trader-facing commands: submit and cancel. Submit validates the shape, picks the execution
// path, runs the pre-trade pipeline against the trader's ledger (v2; legacy: the halts only), and persists the order
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
using Fillmore.Core.Routing;
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
    TimeProvider time,
    IVenueBoard? venues = null)
{
    private readonly ReleaseRisk risk = new(preTrade, ledgers, time);
    private readonly IVenueBoard board = venues ?? new FixedVenueBoard(coordinator.Venues);

    // A decision made from a stale ledger (another node changed the account since it was cached)
    // is refused by the account guard; the ledger is then reloaded and the order decided again.
    private const int StaleLedgerAttempts = 3;

    // Untraced (nobody listens), a submission pays no extra state machine for its span.
    public Task<SubmitResult> SubmitAsync(TraderId trader, OrderDraft draft, CancellationToken ct = default) =>
        EngineTracing.Source.HasListeners() ? TracedSubmitAsync(trader, draft, ct)
            : DecideSubmitAsync(trader, draft, ct);

    // The submission's trace: the order's send and the venue's reports join it later (OrderTraces).
    private async Task<SubmitResult> TracedSubmitAsync(TraderId trader, OrderDraft draft, CancellationToken ct)
    {
        using var span = EngineTracing.Source.StartActivity(EngineTracing.Submit);
        span?.SetTag(EngineTracing.TraderTag, trader.Value).SetTag(EngineTracing.SymbolTag, draft.Symbol);
        var result = await DecideSubmitAsync(trader, draft, ct).ConfigureAwait(false);
        if (span is not null) EngineTracing.Submitted(span, result);
        return result;
    }

    private async Task<SubmitResult> DecideSubmitAsync(TraderId trader, OrderDraft draft, CancellationToken ct)
    {
        var errors = OrderShapeRules.Validate(draft, out var spec, s => market.FindInstrument(s)?.TickSize,
            time.GetUtcNow());
        if (spec is null)
            return await ReplayLateRetryAsync(trader, draft, errors, ct).ConfigureAwait(false)
                ?? new SubmitResult.Invalid(errors);
        var path = paths.PathFor(trader);
        SubmitResult? result = null;
        using (await locks.EnterAsync(trader, ct).ConfigureAwait(false))
        {
            for (var attempt = 1; result is null; attempt++)
                result = await TrySubmitAsync(trader, draft, spec, path, lastAttempt: attempt == StaleLedgerAttempts,
                    ct).ConfigureAwait(false);
        }
        if (result is SubmitResult.Created created) coordinator.Accepted(created.Family);
        return result;
    }

    // A bot's retry of a GTD order it sent before: its expire_at may have passed since, but it is
    // the same request, and the answer is the order it created (not a refusal of a new one).
    private async Task<SubmitResult?> ReplayLateRetryAsync(TraderId trader, OrderDraft draft,
        IReadOnlyList<RuleViolation> errors, CancellationToken ct)
    {
        if (draft.ClientOrderId is null || errors.Any(e => e.Code != ReasonCodes.ExpireAtInPast)) return null;
        OrderShapeRules.Validate(draft, out var spec, s => market.FindInstrument(s)?.TickSize);
        if (spec is null
            || await store.FindByClientOrderIdAsync(trader, draft.ClientOrderId, ct)
                .ConfigureAwait(false) is not { } existing)
            return null;
        return Replay(existing, spec);
    }

    /// <returns>null when the ledger was stale and the order must be decided again.</returns>
    private async Task<SubmitResult?> TrySubmitAsync(TraderId trader, OrderDraft draft, OrderSpec spec,
        ExecutionPath path, bool lastAttempt, CancellationToken ct)
    {
        // No read first: a client order id seen before is refused by the store's unique index, and
        // the order that holds it is replayed below (a retried request is rare; a read per order is not).
        var choice = VenueChooser.Choose(board, trader, draft.Venue, spec, time.GetUtcNow());
        var (context, violations, ledger) = await DecideAsync(trader, spec, path, choice.Venue, ct)
            .ConfigureAwait(false);
        if (choice.Refusal is { } unroutable) violations = [unroutable];
        var now = time.GetUtcNow();
        var id = OrderId.From(ids);
        var tick = market.FindInstrument(spec.Symbol)?.TickSize ?? 0.01m;
        var plan = violations.Count > 0 ? null : EntryDecider.Plan(
            OrderControls.Applied(Order.CreatePending(id, trader, draft.ClientOrderId, spec, choice.Venue,
                    path, now) with { ReservePrice = context.ReservePrice, SmartRouted = choice.Routing is not null },
                ledger.Account, context.Quote,
                coordinator.DefaultWaitSeconds, now),
            () => OrderId.From(ids), coordinator.CapabilitiesOf(choice.Venue), ledgers.Calendar, tick, now);
        if (plan?.Refusal is { } refusal) violations = [refusal];
        var order = violations.Count == 0 ? plan!.Parent!
            : Order.CreateDenied(id, trader, draft.ClientOrderId, spec, choice.Venue, path,
                violations[0].Message, now);
        var parts = violations.Count == 0 && choice.Routing?.Allocations is { Count: > 0 } split
            ? Parts(order, split, ledger, context, tick, now) : [];
        var change = NewOrderChange(order, violations, choice.Routing, now);
        if (violations.Count == 0)
            foreach (var exit in plan!.Exits) change = change.Linking(NewExitChange(exit, order, now));
        foreach (var part in parts) change = change.Linking(NewPartChange(part, order, now));
        // Only an acceptance that the rules checked against an existing account reserves anything.
        if (violations.Count == 0 && path == ExecutionPath.V2 && ledger.Exists)
            change = change with { AccountGuard = ledger.Account.Version };
        var commit = await CommitAsync(change, trader, ct).ConfigureAwait(false);
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
        return violations.Count == 0 ? new SubmitResult.Created(order) { Family = [.. plan!.All, .. parts] }
            : new SubmitResult.Denied(order, violations);
    }

    // The child orders of an order SMART split: one per venue, each as a new order to that venue would start
    // (its own deadlines, what the venue does itself), holding its part of the parent's reservation.
    private List<Order> Parts(Order parent, IReadOnlyList<RouteAllocation> split, Ledger ledger,
        PreTradeContext context, decimal tick, DateTimeOffset now) =>
        split.Select(part => EntryDecider.Plan(OrderControls.Applied(
                Order.PartOf(parent, OrderId.From(ids), part.Quantity, part.Venue, now), ledger.Account, context.Quote,
                coordinator.DefaultWaitSeconds, now),
            () => OrderId.From(ids), coordinator.CapabilitiesOf(part.Venue), ledgers.Calendar, tick, now).Parent
            // The router only gives a part to a venue that takes the order (SmartRouter.Supports).
            ?? throw new InvalidOperationException($"SMART split {parent.Id}, but {part.Venue} cannot take its part."))
            .ToList();

    private ValueTask<CommitResult> CommitAsync(OrderChange change, TraderId trader, CancellationToken ct) =>
        EngineTracing.Source.HasListeners() ? TracedCommitAsync(change, trader, ct)
            : mutator.TryCommitAsync(change, trader, ct);

    private async ValueTask<CommitResult> TracedCommitAsync(OrderChange change, TraderId trader, CancellationToken ct)
    {
        using var span = EngineTracing.Source.StartActivity(EngineTracing.Commit);
        span?.SetTag(EngineTracing.OrderIdTag, change.Order.Id.ToString());
        var commit = await mutator.TryCommitAsync(change, trader, ct).ConfigureAwait(false);
        span?.SetTag(EngineTracing.OutcomeTag, commit.Status.ToString());
        return commit;
    }

    // With other nodes on the store, a denial may come from a ledger that misses their cancels and
    // fills (they release buying power without touching the account version): it is checked once
    // more against a fresh ledger before the trader is told no.
    private async Task<(PreTradeContext Context, IReadOnlyList<RuleViolation> Violations, Ledger Ledger)> DecideAsync(
        TraderId trader, OrderSpec spec, ExecutionPath path, string venue, CancellationToken ct)
    {
        IReadOnlyList<RuleViolation> Evaluate(PreTradeContext c) =>
            path == ExecutionPath.V2 ? preTrade.Evaluate(c) : preTrade.EvaluateSafety(c);
        var ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        var context = preTrade.ContextFor(trader, spec, ledger, venue);
        var violations = Evaluate(context);
        if (violations.Count == 0 || !leases.Shared) return (context, violations, ledger);
        ledgers.Invalidate(trader);
        ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        context = preTrade.ContextFor(trader, spec, ledger, venue);
        return (context, Evaluate(context), ledger);
    }

    /// <summary>Records the trader's cancel request; see ExecutionCoordinator.CancelAsync.</summary>
    public Task<CancelResult> CancelAsync(TraderId trader, OrderId id, CancellationToken ct = default) =>
        coordinator.CancelAsync(trader, id, ct);

    /// <summary>
    /// Cancels every open and held order of the trader (in <paramref name="symbol"/> only, when
    /// given), first orders before their exits; answers with each order as the cancel left it.
    /// </summary>
    public Task<IReadOnlyList<Order>> CancelAllAsync(TraderId trader, Symbol? symbol,
        CancellationToken ct = default) =>
        CancelOpenAsync(o => o.TraderId == trader && (symbol is null || o.Spec.Symbol == symbol),
            id => coordinator.CancelAsync(trader, id, ct), ct);

    /// <summary>
    /// The kill switch and an administrator's cancel-all: every open and held order of
    /// <paramref name="trader"/> (null: of every trader) is cancelled, each with one entry recording
    /// <paramref name="intent"/> and <paramref name="reason"/> (who and why).
    /// </summary>
    public Task<IReadOnlyList<Order>> CancelByAdminAsync(TraderId? trader, string intent, string reason,
        CancellationToken ct = default) =>
        CancelOpenAsync(o => trader is null || o.TraderId == trader,
            id => coordinator.CancelByAdminAsync(id, intent, reason, ct), ct);

    private async Task<IReadOnlyList<Order>> CancelOpenAsync(Func<Order, bool> inScope,
        Func<OrderId, Task<CancelResult>> cancel, CancellationToken ct)
    {
        var open = (await store.ListOpenOrdersAsync(ct).ConfigureAwait(false)).Where(inScope)
            .OrderBy(o => o.ParentOrderId is null ? 0 : 1).ThenBy(o => o.CreatedAt).ToList();
        // A first order's cancel takes its exits with it: an exit already cancelled so answers NotCancellable, and is
        // still listed.
        foreach (var order in open) await cancel(order.Id).ConfigureAwait(false);
        var after = new List<Order>(open.Count);
        foreach (var order in open) after.Add(await mutator.ReadAsync(order.Id, ct).ConfigureAwait(false) ?? order);
        return after;
    }

    /// <summary>
    /// The trader's amend (PATCH): new terms checked for shape, then in the order's gate against the
    /// table (AmendDecider) and, on the v2 path, the risk rules as the account stands now. A held
    /// order takes them at once; one at the venue is replaced there (the venue confirms it).
    /// </summary>
    public async Task<AmendResult> AmendAsync(TraderId trader, OrderId id, AmendDraft draft,
        CancellationToken ct = default)
    {
        var amended = await mutator.MutateAsync(id, order => DecideAmendAsync(order, trader, draft, ct), ct)
            .ConfigureAwait(false);
        if (!amended.Found) return new AmendResult.NotFound();
        var (request, terms) = amended.Result;
        if (request.SendReplace && terms is not null)
            await coordinator.SendReplaceAsync(id, terms, ct).ConfigureAwait(false);
        if (request.Result is AmendResult.Amended) coordinator.Reevaluate(amended.Order!.Spec.Symbol);
        return request.Result;
    }

    private async ValueTask<Decided<(AmendRequest, OrderTerms?)>> DecideAmendAsync(Order order, TraderId trader,
        AmendDraft draft, CancellationToken ct)
    {
        if (order.TraderId != trader) return new(null, (AmendRequest.Refused(new AmendResult.NotFound()), null));
        var errors = AmendRules.Apply(order, draft, market.FindInstrument(order.Spec.Symbol)?.TickSize, out var terms);
        if (terms is null) return new(null, (AmendRequest.Refused(new AmendResult.Invalid(errors)), null));
        var check = await risk.ForAsync(trader, ct).ConfigureAwait(false);
        var request = AmendDecider.Request(order, terms, check(order, terms),
            coordinator.CapabilitiesOf(order.Venue).Replace,
            time.GetUtcNow());
        return new(request.Decision.Change, (request, terms));
    }

    /// <summary>
    /// The trader re-sends a FAILED order, or one in doubt, under the same id. The venue is asked first: if it has
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
        var answer = await coordinator.QueryVenueAsync(order, ct).ConfigureAwait(false);
        if (answer is VenueQuery.Unknown unknown) return new RecoveryResult.VenueUnavailable(unknown.Reason);
        var retried = await mutator.MutateAsync(id,
            current => DecideRetryAsync(current, answer is VenueQuery.Found, ct), ct).ConfigureAwait(false);
        if (retried.Result is { } refusal) return refusal;
        if (answer is VenueQuery.Found found)
        {
            await coordinator.AdoptFoundAsync(id, found.State, ct).ConfigureAwait(false);
            return new RecoveryResult.Done(await store.GetOrderAsync(id, ct).ConfigureAwait(false) ?? retried.Order!);
        }
        coordinator.Dispatch(id);
        // The order as committed for re-sending: by the time it could be read again the venue may have answered.
        return new RecoveryResult.Done(retried.Order!, Resent: true);
    }

    // In the gate: allowed still? Then, unless the venue has it, the risk rules against the ledger as it is now.
    private async ValueTask<Decided<RecoveryResult?>> DecideRetryAsync(Order order, bool venueHasIt,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (RecoveryDecider.Refusal(order, OrderTrigger.Resubmitted, now) is { } refused) return new(null, refused);
        long? guard = null;
        // An order in doubt is still open and holds its reservation: nothing to check again.
        if (!venueHasIt && order.Path == ExecutionPath.V2 && order.Status == OrderStatus.Failed)
        {
            var (_, violations, ledger) = await DecideAsync(order.TraderId, order.Spec, order.Path, order.Venue, ct)
                .ConfigureAwait(false);
            if (violations.Count > 0) return new(null, new RecoveryResult.Denied(order, violations));
            guard = ledger.Exists ? ledger.Account.Version : null;
        }
        return new(RecoveryDecider.Resubmit(order, venueHasIt, guard, now).Change, null);
    }

    /// <summary>The trader closes out a FAILED order, or one in doubt (RecoveryDecider.Acknowledge): never
    /// retried.</summary>
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

    // The SMART router's rationale is recorded with the order, whether it found a venue or not.
    private static OrderChange NewOrderChange(Order order, IReadOnlyList<RuleViolation> violations,
        RoutingDecision? routing, DateTimeOffset now)
    {
        var change = OrderChange.NewOrder(order)
            .Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, now));
        if (routing is not null)
            change = change.Audited(AuditRecord.Of(order, AuditAction.Routed, Actor.System, now,
                reason: RoutingJson.Write(routing)));
        if (violations.Count > 0)
            return change
                .Audited(AuditRecord.Of(order, AuditAction.Denied, Actor.System, now,
                    reason: string.Join(" ", violations.Select(v => v.Message)), errorCode: violations[0].Code))
                .Emitting(OrderEvent.Of(order, OrderEventType.Denied, now));
        if (order.Path == ExecutionPath.V2)
            change = change.Audited(AuditRecord.Of(order, AuditAction.Approved, Actor.System, now));
        change = Armed(change, now).Emitting(OrderEvent.Of(order, OrderEventType.Accepted, now));
        return routing is null ? change : change.Emitting(OrderEvent.Of(order, OrderEventType.Routed, now) with
        {
            Reason = $"SMART routed it to {order.Venue}. {routing.Reason}",
        });
    }

    // A part of an order SMART split, created with it by Fillmore.
    private static OrderChange NewPartChange(Order part, Order parent, DateTimeOffset now) =>
        OrderChange.NewOrder(part).Audited(AuditRecord.Of(part, AuditAction.Submitted, Actor.System, now,
                reason: $"{part.Terms.Quantity} of SMART order {parent.Id} to {part.Venue}."))
            .Emitting(OrderEvent.Of(part, OrderEventType.Accepted, now));

    // An exit created with its order: submitted by the trader as part of it, held (or, an OCO's stop
    // leg on a venue with stops, sent) by Fillmore.
    private static OrderChange NewExitChange(Order exit, Order parent, DateTimeOffset now)
    {
        var change = OrderChange.NewOrder(exit).Audited(AuditRecord.Of(exit, AuditAction.Submitted, Actor.Trader, now,
            reason: $"{ApiNames.Of(exit.Role)} of {ApiNames.Of(parent.Spec.Class)} order {parent.Id}."));
        return Armed(change, now).Emitting(OrderEvent.Of(exit, OrderEventType.Accepted, now));
    }

    private static OrderChange Armed(OrderChange change, DateTimeOffset now)
    {
        var order = change.Order;
        if (order.Status != OrderStatus.Held) return change;
        var reason = order.IsExit && order.Terms.Quantity == 0
            ? $"Held: armed at {order.TriggerPrice} once the entry fills."
            : order.TriggerPrice is { } trigger ? $"Held by Fillmore: triggers at {trigger}."
            : "Held by Fillmore: a trailing stop, armed at the first quote.";
        return change.Audited(AuditRecord.Of(order, AuditAction.Armed, Actor.System, now, reason: reason,
            price: order.TriggerPrice));
    }
}
