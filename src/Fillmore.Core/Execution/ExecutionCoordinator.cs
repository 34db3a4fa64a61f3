// Moves persisted orders to the venue and venue news back into the store. It holds no decision
// and no in-flight state of its own: deciders (Decisions/) decide, InFlight owns what is queued,
// on the wire, parked and between attempts, and the I/O is done by Sender (send with retry),
// ReportApplier (venue reports), Reconciler (reconciliation, adoption, ghosts) and CancelSender.
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
using Microsoft.Extensions.Logging;

public sealed class ExecutionCoordinator
{
    private readonly IVenue venue;
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
    private readonly Channel<bool> _reconcileRequests =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ExecutionCoordinator(IOrderStore store, OrderMutator mutator, LedgerBook ledgers, IVenue venue,
        IIdGenerator ids, IWorkLeases leases, TimeProvider time, ExecutionOptions options,
        ILogger<ExecutionCoordinator> log, EngineMetrics? metrics = null)
    {
        metrics ??= new EngineMetrics();
        (this.venue, this.mutator, this.leases, this.time, this.options, this.log) = (venue, mutator, leases, time,
            options, log);
        _inFlight = new InFlight(time);
        _reports = new ReportApplier(mutator, ledgers, ids, leases, _inFlight, metrics, time, log);
        _cancels = new CancelSender(venue, mutator, time);
        _reconciler = new Reconciler(venue, store, mutator, _reports, _cancels, _inFlight, leases, metrics, time, log);
        _sender = new Sender(venue, mutator, _reports, _reconciler, _cancels, _inFlight, leases,
            RetryPolicy.From(options), metrics, time, log);
        venue.Reconnected += (_, _) => RequestReconciliation();
    }

    public string VenueName => venue.Name;

    /// <summary>Orders found at the venue that Fillmore never placed.</summary>
    public IReadOnlyCollection<VenueOrderState> Ghosts => _reconciler.Ghosts;

    /// <summary>Queues a persisted order for its first send.</summary>
    public void Dispatch(OrderId id) => _inFlight.Enqueue(id);

    public void RequestReconciliation() => _reconcileRequests.Writer.TryWrite(true);

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, options.SendConcurrency).Select(_ => SendLoopAsync(ct))
            .Append(ReportLoopAsync(ct)).Append(ReconcileLoopAsync(ct))
            .Append(leases.Shared ? LeaseLoopAsync(ct) : Task.CompletedTask));

    /// <summary>Processes queued sends, venue reports and reconciliation requests one at a time until none is
    /// left.</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        while (true)
        {
            if (_inFlight.Due.TryRead(out var id))
                await Guard(() => _sender.SendAsync(id, ct), id).ConfigureAwait(false);
            else if (venue.Reports.TryRead(out var report))
                await Guard(() => ApplyReportAsync(report, ct), report.OrderId).ConfigureAwait(false);
            else if (_reconcileRequests.Reader.TryRead(out _)) await ReconcileAllAsync(ct).ConfigureAwait(false);
            else return;
        }
    }

    /// <summary>Records the trader's cancel request and sees that someone finishes it (see CancelDecider).</summary>
    public async Task<CancelResult> CancelAsync(TraderId trader, OrderId id, CancellationToken ct = default)
    {
        var requested = await mutator.MutateAsync(id, order =>
        {
            var request = CancelDecider.Request(order, trader, _inFlight.IsBusy(order.Id), time.GetUtcNow());
            return new Decided<CancelRequest>(request.Decision.Change, request);
        }, ct).ConfigureAwait(false);
        if (!requested.Found) return new CancelResult.NotFound();
        switch (requested.Result.Then)
        {
            case CancelFollowUp.SendToVenue: await _cancels.SendAsync(id, ct).ConfigureAwait(false); break;
            case CancelFollowUp.AskReconciler: RequestReconciliation(); break;
        }
        return requested.Result.Result;
    }

    /// <summary>Applies one venue report; a report revealing lost executions reconciles the order at once (the venue is
    /// the truth).</summary>
    public async Task ApplyReportAsync(ExecutionReport report, CancellationToken ct = default)
    {
        if (await _reports.ApplyAsync(report, ct).ConfigureAwait(false))
            await _reconciler.ReconcileAsync(report.OrderId, ct).ConfigureAwait(false);
    }

    /// <summary>Asks the venue about one order (the trader's retry checks first).</summary>
    public ValueTask<VenueQuery> QueryVenueAsync(OrderId id, CancellationToken ct = default) =>
        venue.QueryAsync(id, ct);

    /// <summary>After a trader's retry found the order at the venue: adopt its state.</summary>
    public Task AdoptFoundAsync(OrderId id, VenueOrderState state, CancellationToken ct = default) =>
        _reconciler.AdoptAsync(id, state, Audit.AuditAction.Recovered, Streaming.OrderEventType.Recovered, ct);

    /// <summary>Start-up recovery, before new orders are accepted: see ReconcileAllAsync.</summary>
    public Task RecoverAsync(CancellationToken ct = default) => ReconcileAllAsync(ct);

    /// <summary>Compares every open order this node owns and is not working on with the venue, then looks for
    /// ghosts.</summary>
    public Task ReconcileAllAsync(CancellationToken ct = default) => _reconciler.ReconcileAllAsync(ct);

    /// <summary>Brings one order in line with the venue's view of it.</summary>
    public Task ReconcileAsync(OrderId id, CancellationToken ct = default) => _reconciler.ReconcileAsync(id, ct);

    /// <summary>Renews this node's lease, then claims and reconciles orphaned orders (public for tests).</summary>
    public async Task KeepLeaseAndClaimAsync(CancellationToken ct = default)
    {
        if (!await leases.RenewAsync(ct).ConfigureAwait(false)) EngineLog.LeaseLapsed(log, leases.NodeId);
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
            await foreach (var report in venue.Reports.ReadAllAsync(ct).ConfigureAwait(false))
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
                await ReconcileAllAsync(ct).ConfigureAwait(false);
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
