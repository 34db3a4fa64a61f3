// Moves persisted orders to the venue and venue news back into the store. It holds no decision
// and no in-flight state of its own: deciders (Decisions/) decide; InFlight owns what is queued,
// on the wire, parked and between attempts; HeldOrders what Fillmore holds itself; Deadlines the
// DAY and GTD timers. The I/O is done by Sender (send with retry), ReportApplier (venue reports),
// Reconciler (reconciliation, adoption, ghosts), CancelSender, Emulator (held orders' triggers)
// and Families (brackets, OTO, OCO kept consistent after every change to one of their orders).
// The coordinator runs them: in background mode (RunAsync) as loops, send workers and report
// partitions in parallel; in DrainAsync one item at a time until idle, which is how the
// deterministic simulation drives the engine. Several nodes on one store: this node renews its
// lease on the orders it owns, and claims and reconciles the orders of nodes whose lease ran out.
namespace Fillmore.Core.Execution;

using System.Threading.Channels;
using Fillmore.Core.Accounts;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Microsoft.Extensions.Logging;

public sealed class ExecutionCoordinator
{
    private readonly VenueSet venues;
    private readonly OrderMutator mutator;
    private readonly IWorkLeases leases;
    private readonly TimeProvider time;
    private readonly ExecutionOptions options;
    private readonly ILogger<ExecutionCoordinator> log;
    private readonly InFlight _inFlight;
    private readonly ReportApplier _reports;
    private readonly CancelSender _cancels;
    private readonly Reconciler _reconciler;
    private readonly Sender _sender;
    private readonly Families _families;
    private readonly Emulator _emulator;
    private readonly Deadlines _deadlines;
    private readonly ISendGuard? _guard;
    private readonly Channel<bool> _reconcileRequests =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="market">Quotes for held orders' triggers (the venue's own when it has them).</param>
    /// <param name="pipeline">The risk rules a held order passes again at release (none: no rules).</param>
    /// <param name="guard">The halts every send obeys, and who halts the venue on a Fatal answer (none: no
    /// switches).</param>
    /// <param name="rejects">Where each venue's refusals are counted for the SMART router (none: not counted).</param>
    public ExecutionCoordinator(IOrderStore store, OrderMutator mutator, LedgerBook ledgers, VenueSet venues,
        IIdGenerator ids, IWorkLeases leases, TimeProvider time, ExecutionOptions options,
        ILogger<ExecutionCoordinator> log, EngineMetrics? metrics = null, IMarketData? market = null,
        PreTradePipeline? pipeline = null, ISendGuard? guard = null, Routing.VenueRejects? rejects = null,
        Routing.IVenueBoard? board = null)
    {
        metrics ??= new EngineMetrics();
        market ??= venues.Primary as IMarketData
            ?? throw new ArgumentException("The venue gives no quotes: pass the market data.", nameof(market));
        (this.venues, this.mutator, this.leases, this.time, this.options, this.log) = (venues, mutator, leases, time,
            options, log);
        _guard = guard;
        _inFlight = new InFlight(time);
        _deadlines = new Deadlines(time);
        Held = new HeldOrders();
        _cancels = new CancelSender(venues, mutator, guard, time);
        var risk = new ReleaseRisk(pipeline, ledgers, time, board);
        Reroute? reroute = board is null ? null : (parent, tried, quantity, now) =>
            ReroutedPart(board, venues, ids, ledgers.Calendar, parent, tried, quantity, now);
        _families = new Families(mutator, _inFlight, Held, _cancels, risk, RequestReconciliation, time, reroute);
        _reports = new ReportApplier(mutator, ledgers, ids, _inFlight, _families, metrics, time, log);
        _reconciler = new Reconciler(venues, store, mutator, _reports, _cancels, _families, _inFlight, leases, metrics,
            time, log);
        _cancels.Settle = (id, state, ct) =>
            _reconciler.AdoptAsync(id, state, Audit.AuditAction.Reconciled, Streaming.OrderEventType.Recovered, ct);
        _sender = new Sender(venues, mutator, _reports, _reconciler, _cancels, _families, _inFlight,
            RetryPolicy.From(options), metrics, guard, time, log, rejects);
        _emulator = new Emulator(mutator, market, Held, _families, risk, leases, time);
        foreach (var venue in venues.All) venue.Reconnected += (_, _) => RequestReconciliation();
        metrics.Observe(() => _inFlight.Count, () => Held.Count);
        if (market is IQuoteFeed feed) feed.QuoteChanged += symbol => _emulator.QuoteMoved(symbol);
    }

    // An IOC's unfilled shares as a new part at the best venue it has not been to, as it would start there.
    private static (Order, Routing.RoutingDecision)? ReroutedPart(Routing.IVenueBoard board, VenueSet venues,
        IIdGenerator ids, TradingCalendar calendar, Order parent, IReadOnlyCollection<string> tried, long quantity,
        DateTimeOffset now)
    {
        var spec = parent.Spec with { Quantity = quantity };
        if (Routing.SmartRouter.Reroute(spec, board.Candidates(spec.Symbol, parent.TraderId), tried, board.Rules,
                now) is not { Venue: { } venue } decision)
            return null;
        var part = Order.PartOf(parent, OrderId.From(ids), quantity, venue, now) with { TimeoutAt = parent.TimeoutAt };
        // An IOC has no expiry and no collar: the calendar and the tick play no part.
        var started = EntryDecider.Plan(part, () => OrderId.From(ids), venues.For(venue).Capabilities, calendar, 0.01m,
            now).Parent;
        return started is null ? null : (started, decision);
    }

    /// <summary>The held orders whose triggers this process watches.</summary>
    public HeldOrders Held { get; }

    /// <summary>What <paramref name="venue"/> holds and does itself (a single-venue node: its one venue).</summary>
    public VenueCapabilities CapabilitiesOf(string venue) => venues.For(venue).Capabilities;

    /// <summary>The venues this node sends to.</summary>
    public VenueSet Venues => venues;

    /// <summary>After the commit that created them: sends, holds and times the orders of a new submission.</summary>
    public void Accepted(IEnumerable<Order> created)
    {
        foreach (var order in created)
        {
            if (order.Status == OrderStatus.PendingSubmit && !order.IsRoutedParent) _inFlight.Enqueue(order.Id);
            Held.Arm(order);
            _deadlines.Schedule(order);
        }
        _emulator.QuoteMoved(null);   // a held order whose trigger is touched already goes at once
    }

    /// <summary>When this process last took a report from the venue (null: none since it started).</summary>
    public DateTimeOffset? LastReportAt { get; private set; }

    /// <summary>Orders this process is sending or will send (queued, on the wire, between attempts).</summary>
    public int OrdersInFlight => _inFlight.Count;

    /// <summary>ORDER_TIMEOUT_SECONDS (see ExecutionOptions).</summary>
    public int? DefaultWaitSeconds => options.OrderTimeoutSeconds;

    /// <summary>Queues a persisted order for its first send.</summary>
    public void Dispatch(OrderId id) => _inFlight.Enqueue(id);

    public void RequestReconciliation() => _reconcileRequests.Writer.TryWrite(true);

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, options.SendConcurrency).Select(_ => SendLoopAsync(ct))
            .Append(ReportLoopAsync(ct)).Append(ReconcileLoopAsync(ct))
            .Append(leases.Shared ? LeaseLoopAsync(ct) : Task.CompletedTask)
            .Append(EmulatorLoopAsync(ct)).Append(TriggerCheckLoopAsync(ct)).Append(DeadlineLoopAsync(ct)));

    /// <summary>Processes queued sends, venue reports and reconciliation requests one at a time until none is
    /// left.</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        while (true)
        {
            if (_inFlight.Due.TryRead(out var id))
                await Guard(() => _sender.SendAsync(id, ct), id).ConfigureAwait(false);
            else if (venues.TryReadReport(out var report))
                await Guard(() => ApplyReportAsync(report, ct), report.OrderId).ConfigureAwait(false);
            else if (_reconcileRequests.Reader.TryRead(out _)) await ReconcileAllAsync(ct).ConfigureAwait(false);
            else if (_deadlines.Due.TryRead(out var due))
                await Guard(() => ExpireAsync(due, ct), due).ConfigureAwait(false);
            else if (_emulator.Moved.TryRead(out var symbol))
                await _emulator.EvaluateAsync(symbol, ct).ConfigureAwait(false);
            else return;
        }
    }

    /// <summary>
    /// Records the trader's cancel request and sees that someone finishes it (see CancelDecider). The
    /// trader cancelling a family's first order cancels its children that have not executed, in the
    /// same commit.
    /// </summary>
    public Task<CancelResult> CancelAsync(TraderId trader, OrderId id, CancellationToken ct = default) =>
        CancelAsync(id, (order, busy, now) => CancelDecider.Request(order, trader, busy, now), ct);

    /// <summary>An administrator's cancel (see CancelDecider.ByAdmin), followed through as the trader's.</summary>
    public Task<CancelResult> CancelByAdminAsync(OrderId id, string intent, string reason,
        CancellationToken ct = default) =>
        CancelAsync(id, (order, busy, now) => CancelDecider.ByAdmin(order, busy, intent, reason, now), ct);

    private async Task<CancelResult> CancelAsync(OrderId id, Func<Order, bool, DateTimeOffset, CancelRequest> decide,
        CancellationToken ct)
    {
        var requested = await mutator.MutateAsync(id, order => DecideCancelAsync(order, decide, ct), ct)
            .ConfigureAwait(false);
        if (!requested.Found) return new CancelResult.NotFound();
        var (request, settlement) = requested.Result;
        if (requested.Order!.Status != OrderStatus.Held) Held.Disarm(id);
        // An order SMART split is at no venue: its children's cancels (in the settlement) are what goes out.
        switch (requested.Order.IsRoutedParent ? CancelFollowUp.None : request.Then)
        {
            case CancelFollowUp.SendToVenue: await _cancels.SendAsync(id, ct).ConfigureAwait(false); break;
            case CancelFollowUp.AskReconciler: RequestReconciliation(); break;
        }
        await _families.FollowAsync(settlement, ct).ConfigureAwait(false);
        return request.Result;
    }

    private async ValueTask<Decided<(CancelRequest, Settlement)>> DecideCancelAsync(Order order,
        Func<Order, bool, DateTimeOffset, CancelRequest> decide, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var request = decide(order, _inFlight.IsBusy(order.Id), now);
        if (request.Decision.Change is null || !(order.Spec.HasExits || order.IsRoutedParent)
            || order.ParentOrderId is not null)
            return new(request.Decision.Change, (request, Settlement.None));
        var family = await mutator.FamilyOfAsync(order, ct).ConfigureAwait(false);
        var change = new FamilyChange(family).Add(request.Decision);
        if (order.IsRoutedParent) RoutedFamilyDecider.Cancel(change, now);
        else FamilyDecider.CancelChildren(change, now);
        var settlement = Settlement.Of(family, change);
        return new(settlement.Change, (request, settlement));
    }

    // A deadline came (DAY close, GTD expire_at, max wait): a held order ends at once; one at the venue is cancelled
    // there (as EXPIRED, or with TIMEOUT).
    private async Task ExpireAsync(OrderId id, CancellationToken ct)
    {
        var expired = await mutator.MutateAsync(id, order =>
        {
            var family = new Family(order, []);
            var change = new FamilyChange(family).Add(ExpiryDecider.Expire(order, time.GetUtcNow()));
            var settlement = Settlement.Of(family, change);
            return new Decided<Settlement>(settlement.Change, settlement);
        }, ct).ConfigureAwait(false);
        if (!expired.Found) return;
        await _families.FollowAsync(expired.Result, ct).ConfigureAwait(false);
        await _families.SettleAsync(expired.Order!, ct).ConfigureAwait(false);
        // An order that outlives this deadline (its cancel was refused: it filled meanwhile) still has the next one.
        _deadlines.Schedule(expired.Order!, time.GetUtcNow());
    }

    /// <summary>Sends an amend's replace to the venue; a refusal drops the new terms (a confirmation waits for its
    /// report).</summary>
    public async Task SendReplaceAsync(OrderId id, OrderTerms terms, CancellationToken ct = default)
    {
        if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is not { } order) return;
        var outcome = await venues.For(order).ReplaceAsync(order, terms, ct).ConfigureAwait(false);
        if (outcome is VenueOutcome.Confirmed) return;
        if (outcome is VenueOutcome.Fatal fatal && _guard is not null)
            await _guard.VenueFailedAsync(order.Venue, fatal, ct).ConfigureAwait(false);
        await mutator.MutateAsync(id, current => AmendDecider.VenueAnswer(current, outcome, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
    }

    /// <summary>Looks at the held orders on <paramref name="symbol"/> again (their terms changed).</summary>
    public void Reevaluate(Symbol symbol) => _emulator.QuoteMoved(symbol);

    /// <summary>Applies one venue report; a report revealing lost executions reconciles the order at once (the venue is
    /// the truth).</summary>
    public async Task ApplyReportAsync(ExecutionReport report, CancellationToken ct = default)
    {
        LastReportAt = time.GetUtcNow();
        if (await _reports.ApplyAsync(report, ct).ConfigureAwait(false))
            await _reconciler.ReconcileAsync(report.OrderId, ct).ConfigureAwait(false);
    }

    /// <summary>Asks the order's venue about it (the trader's retry checks first).</summary>
    public ValueTask<VenueQuery> QueryVenueAsync(Order order, CancellationToken ct = default) =>
        venues.For(order).QueryAsync(order.Id, ct);

    /// <summary>After a trader's retry found the order at the venue: adopt its state.</summary>
    public Task AdoptFoundAsync(OrderId id, VenueOrderState state, CancellationToken ct = default) =>
        _reconciler.AdoptAsync(id, state, Audit.AuditAction.Recovered, Streaming.OrderEventType.Recovered, ct);

    /// <summary>
    /// Start-up recovery, before new orders are accepted: every open order is reconciled with the
    /// venue (see ReconcileAllAsync), every held order is watched again and every deadline timed again.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct = default)
    {
        await _emulator.ArmFromStoreAsync(ct).ConfigureAwait(false);
        foreach (var id in await leases.ListOwnedWorkAsync(ct).ConfigureAwait(false))
            if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is { } order) _deadlines.Schedule(order);
        await ReconcileAllAsync(ct).ConfigureAwait(false);
        _emulator.QuoteMoved(null);
    }

    /// <summary>Compares every open order this node owns and is not working on with the venue, then looks for
    /// ghosts.</summary>
    public Task ReconcileAllAsync(CancellationToken ct = default) => _reconciler.ReconcileAllAsync(ct);

    /// <summary>Brings one order in line with the venue's view of it.</summary>
    public Task ReconcileAsync(OrderId id, CancellationToken ct = default) => _reconciler.ReconcileAsync(id, ct);

    /// <summary>Renews this node's lease, then claims and reconciles orphaned orders (public for tests).</summary>
    public async Task KeepLeaseAndClaimAsync(CancellationToken ct = default)
    {
        if (!await leases.RenewAsync(ct).ConfigureAwait(false))
        {
            EngineLog.LeaseLapsed(log, leases.NodeId);
            mutator.ForgetAll();
        }
        var claimed = await leases.ClaimOrphansAsync(ct).ConfigureAwait(false);
        if (claimed.Count == 0) return;
        EngineLog.Claimed(log, claimed.Count, leases.NodeId);
        foreach (var id in claimed)
        {
            _inFlight.Abandon(id);
            await Guard(() => _reconciler.ReconcileAsync(id, ct), id).ConfigureAwait(false);
        }
    }

    private Task Guard(Func<Task> work, OrderId id) => EngineLog.GuardAsync(log, work, id);

    private async Task EmulatorLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var symbol in _emulator.Moved.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try { await _emulator.EvaluateAsync(symbol, ct).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { EngineLog.LoopFailed(log, ex,
                    "emulator"); }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    // For quote sources that cannot say when a quote moved: every held order is looked at periodically.
    private async Task TriggerCheckLoopAsync(CancellationToken ct)
    {
        using var periodic = new PeriodicTimer(options.TriggerCheckInterval, time);
        try
        {
            while (await periodic.WaitForNextTickAsync(ct).ConfigureAwait(false))
                if (Held.Count > 0) _emulator.QuoteMoved(null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task DeadlineLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var id in _deadlines.Due.ReadAllAsync(ct).ConfigureAwait(false))
                await Guard(() => ExpireAsync(id, ct), id).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var id in _inFlight.Due.ReadAllAsync(ct).ConfigureAwait(false))
                await Guard(() => _sender.SendAsync(id, ct), id).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    // Reports are partitioned by order: one order's reports are applied in the order they came,
    // different orders' in parallel, so their commits share fsyncs instead of queueing one by one.
    private async Task ReportLoopAsync(CancellationToken ct)
    {
        var partitions = Enumerable.Range(0, options.SendConcurrency)
            .Select(_ => Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        var workers = partitions.Select(p => ApplyPartitionAsync(p.Reader, ct)).ToList();
        try
        {
            await foreach (var report in venues.Merge(ct).ReadAllAsync(ct).ConfigureAwait(false))
                partitions[PartitionOf(report.OrderId, partitions.Length)].Writer.TryWrite(report);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception ex)
        {
            // Never silently: without this loop only reconciliation would still see the venue's news.
            EngineLog.LoopFailed(log, ex, "venue report router");
            throw;
        }
        foreach (var p in partitions) p.Writer.TryComplete();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    // Core compiles with checked arithmetic; a hash code is meant to wrap.
    private static int PartitionOf(OrderId id, int partitions) =>
        (int)(unchecked((uint)id.Value.GetHashCode()) % (uint)partitions);

    private async Task ApplyPartitionAsync(ChannelReader<ExecutionReport> reports, CancellationToken ct)
    {
        try
        {
            await foreach (var report in reports.ReadAllAsync(ct).ConfigureAwait(false))
                await Guard(() => ApplyReportAsync(report, ct), report.OrderId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task ReconcileLoopAsync(CancellationToken ct)
    {
        using var periodic = new PeriodicTimer(options.ReconcileInterval, time);
        var tick = periodic.WaitForNextTickAsync(ct).AsTask();
        var asked = _reconcileRequests.Reader.WaitToReadAsync(ct).AsTask();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var done = await Task.WhenAny(tick, asked).ConfigureAwait(false);
                if (done == tick) tick = periodic.WaitForNextTickAsync(ct).AsTask();
                else
                {
                    _reconcileRequests.Reader.TryRead(out _);
                    asked = _reconcileRequests.Reader.WaitToReadAsync(ct).AsTask();
                }
                await done.ConfigureAwait(false);
                // A round the store could not serve (a restart, a failover) must not end reconciliation for good.
                try { await ReconcileAllAsync(ct).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { EngineLog.LoopFailed(log, ex,
                    "reconciliation"); }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task LeaseLoopAsync(CancellationToken ct)
    {
        using var periodic = new PeriodicTimer(options.LeaseRenewInterval, time);
        try
        {
            do
            {
                try { await KeepLeaseAndClaimAsync(ct).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { EngineLog.LeaseFailed(log, ex); }
            }
            while (await periodic.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            // A clean stop hands the orders over at once instead of after the lease runs out.
            if (ct.IsCancellationRequested) await leases.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
