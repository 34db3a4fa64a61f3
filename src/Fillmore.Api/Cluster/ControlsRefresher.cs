// The global trading halt is a persisted control that each node holds in memory for its risk
// checks. When several nodes share the store, a halt set through one node must stop the others
// too: each node re-reads the control every second (one indexed single-row read). A single node
// sets its own copy when the halt is set, so it runs nothing.
namespace Fillmore.Api.Cluster;

using Fillmore.Core.Execution;
using Fillmore.Core.Ports;

public sealed partial class ControlsRefresher(AccountService accounts, IWorkLeases leases, TimeProvider time,
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
                try { await accounts.LoadControlsAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogRefreshFailed(log, ex); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Re-reading the trading controls failed; this node keeps the last value it read.")]
    private static partial void LogRefreshFailed(ILogger log, Exception ex);
}
