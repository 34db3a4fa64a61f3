// Moves persisted orders to the venue and venue news back into the store.
//  - Send: an order committed as PENDING_SUBMIT is queued; a sender sends it and records the
//    outcome. Retryable or unknown outcomes are retried after 1 s, 2 s, 4 s (v2 path only), and
//    before EVERY re-send the venue is asked for the order by its id: if it has it, its state is
//    adopted and the order is never sent again (FR-008, FR-009).
//  - Reports: fills, cancels, rejections and expiries from the venue are applied once each
//    (fills deduplicated by execution id) through the transition table; anything the table
//    refuses is recorded as an ANOMALY instead of being forced.
//  - Reconcile: at start-up, after every venue reconnect and periodically, every open order is
//    compared with the venue; orders in doubt are settled; unknown venue orders are ghosts.
// Background mode (RunAsync) runs these as loops; DrainAsync runs the same work one item at a
// time until idle, which is how the deterministic simulation drives the engine.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using System.Threading.Channels;
using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public sealed partial class ExecutionCoordinator
{
    private readonly IOrderStore store;
    private readonly OrderMutator mutator;
    private readonly LedgerBook ledgers;
    private readonly IVenue venue;
    private readonly IIdGenerator ids;
    private readonly IWorkLeases leases;
    private readonly TimeProvider time;
    private readonly ExecutionOptions options;
    private readonly ILogger<ExecutionCoordinator> log;

    private readonly Channel<OrderId> _toSend = Channel.CreateUnbounded<OrderId>();
    private readonly Channel<bool> _reconcileRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // Queued by this process and not yet picked up: provably never sent, so safe to cancel locally.
    private readonly ConcurrentDictionary<OrderId, byte> _unsent = new();
    // A submit request is on its way to the venue: a cancel must wait for its outcome, and reports
    // that overtake the outcome are parked until it is recorded, so the audit trail reads in order.
    private readonly ConcurrentDictionary<OrderId, byte> _sending = new();
    private readonly ConcurrentDictionary<OrderId, List<ExecutionReport>> _parked = new();
    // Orders between attempts: the number of the next attempt (1 = first re-send) and its timer.
    private readonly ConcurrentDictionary<OrderId, int> _attempts = new();
    private readonly ConcurrentDictionary<OrderId, ITimer> _retryTimers = new();

    public ExecutionCoordinator(IOrderStore store, OrderMutator mutator, LedgerBook ledgers, IVenue venue, IIdGenerator ids,
        IWorkLeases leases, TimeProvider time, ExecutionOptions options, ILogger<ExecutionCoordinator> log)
    {
        (this.store, this.mutator, this.ledgers, this.venue, this.ids, this.leases, this.time, this.options, this.log) =
            (store, mutator, ledgers, venue, ids, leases, time, options, log);
        venue.Reconnected += (_, _) => RequestReconciliation();
    }

    public string VenueName => venue.Name;

    public void Dispatch(OrderId id)
    {
        _unsent[id] = 0;
        _toSend.Writer.TryWrite(id);
    }

    public void RequestReconciliation() => _reconcileRequests.Writer.TryWrite(true);

    /// <summary>Whether this process is working on the order right now (queued, sending, or between retries).</summary>
    private bool IsBusy(OrderId id) => _unsent.ContainsKey(id) || _sending.ContainsKey(id) || _attempts.ContainsKey(id);

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, options.SendConcurrency).Select(_ => SendLoopAsync(ct))
            .Append(ReportLoopAsync(ct)).Append(ReconcileLoopAsync(ct)).Append(leases.Shared ? LeaseLoopAsync(ct) : Task.CompletedTask));

    /// <summary>Processes queued sends, venue reports and reconciliation requests one at a time until none is left.</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        while (true)
        {
            if (_toSend.Reader.TryRead(out var id)) await GuardAsync(() => SendAsync(id, ct), id).ConfigureAwait(false);
            else if (venue.Reports.TryRead(out var report)) await GuardAsync(() => ApplyReportAsync(report, ct), report.OrderId).ConfigureAwait(false);
            else if (_reconcileRequests.Reader.TryRead(out _)) await ReconcileAllAsync(ct).ConfigureAwait(false);
            else return;
        }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var id in _toSend.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                await GuardAsync(() => SendAsync(id, ct), id).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    // Reports are partitioned by order: one order's reports are applied in the order they came,
    // different orders' in parallel, so their commits share fsyncs instead of queueing one by one.
    private async Task ReportLoopAsync(CancellationToken ct)
    {
        var partitions = Enumerable.Range(0, options.SendConcurrency).Select(_ => Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
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
            LogLoopFailure(ex, "venue report router");
            throw;
        }
        foreach (var p in partitions) p.Writer.TryComplete();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    // Core compiles with checked arithmetic; a hash code is meant to wrap.
    private static int PartitionOf(OrderId id, int partitions) => (int)(unchecked((uint)id.Value.GetHashCode()) % (uint)partitions);

    private async Task ApplyPartitionAsync(ChannelReader<ExecutionReport> reports, CancellationToken ct)
    {
        try
        {
            await foreach (var report in reports.ReadAllAsync(ct).ConfigureAwait(false))
                await GuardAsync(() => ApplyReportAsync(report, ct), report.OrderId).ConfigureAwait(false);
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

    // One failing order must never stop the loops that serve every other order.
    private async Task GuardAsync(Func<Task> work, OrderId id)
    {
        try { await work().ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogOrderFailure(ex, id); }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Loop} stopped; venue news now only arrives through reconciliation.")]
    private partial void LogLoopFailure(Exception ex, string loop);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing order {OrderId} failed; it stays as stored and will be reconciled.")]
    private partial void LogOrderFailure(Exception ex, OrderId orderId);
}
