// The trading controls (the global halt, each venue's halt, the execution flag) are persisted and
// each node holds them in memory for its checks. When several nodes share the store, a switch set
// through one node must reach the others too: each node re-reads them every second (a few indexed
// single-row reads). A single node
// sets its own copy when the halt is set, so it runs nothing.
namespace Fillmore.Api.Cluster;

using Fillmore.Core.Execution;
using Fillmore.Core.Ports;

public sealed partial class ControlsRefresher(ControlService controls, IWorkLeases leases, TimeProvider time,
    ILogger<ControlsRefresher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!leases.Shared) return;
        using var periodic = new PeriodicTimer(Interval, time);
        try
        {
            while (await periodic.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await controls.LoadAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogRefreshFailed(log, ex); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Re-reading the trading controls failed; this node keeps the last value it read.")]
    private static partial void LogRefreshFailed(ILogger log, Exception ex);
}
