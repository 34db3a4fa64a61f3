// Several nodes on one store: this node renews its lease on the orders it owns, and claims and
// reconciles the orders of nodes whose lease ran out (they died or lost the store). A node that
// finds its own lease had lapsed stops retrying what it was working on; SendAsync checks
// ownership before every send, and the claiming node's reconciliation asks the venue first.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Microsoft.Extensions.Logging;

public sealed partial class ExecutionCoordinator
{
    private async Task LeaseLoopAsync(CancellationToken ct)
    {
        using var periodic = new PeriodicTimer(options.LeaseRenewInterval, time);
        try
        {
            do
            {
                try { await KeepLeaseAndClaimAsync(ct).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogLeaseFailure(ex); }
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

    /// <summary>Renews this node's lease, then claims and reconciles orphaned orders (public for tests).</summary>
    public async Task KeepLeaseAndClaimAsync(CancellationToken ct = default)
    {
        if (!await leases.RenewAsync(ct).ConfigureAwait(false)) LogLeaseLapsed(leases.NodeId);
        var claimed = await leases.ClaimOrphansAsync(ct).ConfigureAwait(false);
        if (claimed.Count == 0) return;
        LogClaimed(claimed.Count, leases.NodeId);
        foreach (var id in claimed)
        {
            _attempts.TryRemove(id, out _);
            await GuardAsync(() => ReconcileAsync(id, ct), id).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}'s lease had lapsed; other nodes may have claimed its orders, which it no longer sends.")]
    private partial void LogLeaseLapsed(string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claimed {Count} orders of nodes whose lease ran out; node {NodeId} reconciles them with the venue.")]
    private partial void LogClaimed(int count, string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewing the lease or claiming orphaned orders failed; retrying at the next interval.")]
    private partial void LogLeaseFailure(Exception ex);
}
