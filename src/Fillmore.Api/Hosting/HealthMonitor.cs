// Keeps the store's health facts fresh on an idle service: every ProbeInterval, if no change was
// committed during the last one (and none is in progress: a write that hangs is itself the
// evidence), it commits a StoreProbe. A failed or hanging probe is what turns /health/ready to
// 503 STORE_UNWRITABLE; the next probe that succeeds turns it back. At most one probe is out at a
// time. Venues report on themselves (IVenueHealth): nothing to probe here.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Ports;
using Fillmore.Storage;
using Microsoft.Extensions.Options;

public sealed partial class HealthMonitor(IOrderStore store, TimeProvider time, IOptions<HealthOptions> options,
    IOptions<StoreOptions> storeOptions, ILogger<HealthMonitor> log) : BackgroundService
{
    private Task _probe = Task.CompletedTask;
    private long _probes;

    /// <summary>How many probes were started (a test's barrier).</summary>
    public long Probes => Interlocked.Read(ref _probes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not IStoreHealth health) return;
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                if (Due(health.Health) && _probe.IsCompleted) _probe = ProbeAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private bool Due(StoreHealthReport facts) => facts.WritingSince is null
        && (facts.LastWriteFailed || facts.LastCommitAt is not { } last
            || time.GetUtcNow() - last >= options.Value.ProbeInterval);

    private async Task ProbeAsync()
    {
        Interlocked.Increment(ref _probes);
        try
        {
            await store.CommitAsync(new StoreProbe(storeOptions.Value.NodeId ?? "local", time.GetUtcNow()))
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogProbeFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store could not write its health probe; not ready.")]
    private partial void LogProbeFailed(Exception ex);
}
