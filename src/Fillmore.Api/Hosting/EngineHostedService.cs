// Starts the execution engine: start-up recovery first (hosted services start before Kestrel
// listens, so no order is accepted until it is done), then the send and report loops.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Execution;

public sealed class EngineHostedService(ExecutionCoordinator coordinator, StartupState state, ILogger<EngineHostedService> log) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loops = coordinator.RunAsync(_stopping.Token);
        await coordinator.RecoverAsync(cancellationToken).ConfigureAwait(false);
        state.MarkReady();
        log.LogInformation("Start-up recovery done; accepting orders.");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loops.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
