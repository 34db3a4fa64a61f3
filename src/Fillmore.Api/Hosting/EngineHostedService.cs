// Starts the execution engine before Kestrel listens (hosted services start first), so no order
// is accepted until it is done: demo accounts are created if missing, the persisted global halt
// is restored, and start-up recovery reconciles open orders while the send and report loops run.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Microsoft.Extensions.Options;

public sealed class EngineHostedService(
    ExecutionCoordinator coordinator,
    AccountService accounts,
    IOptions<AccountSeedOptions> seeds,
    IOptions<DefaultLimitsOptions> limits,
    StartupState state,
    ILogger<EngineHostedService> log) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SeedAccountsAsync(cancellationToken).ConfigureAwait(false);
        await accounts.LoadControlsAsync(cancellationToken).ConfigureAwait(false);
        _loops = coordinator.RunAsync(_stopping.Token);
        await coordinator.RecoverAsync(cancellationToken).ConfigureAwait(false);
        state.MarkReady();
        log.LogInformation("Start-up recovery done; accepting orders.");
    }

    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        foreach (var seed in seeds.Value.Seed)
        {
            var trader = new TraderId(seed.Trader);
            if (await accounts.ReadAsync(trader, l => l.Exists, ct).ConfigureAwait(false)) continue;
            await accounts.UpdateAsync(trader, a => a with { Cash = seed.Cash, Limits = limits.Value.ToLimits(seed.ShortSellingEnabled) }, ct)
                .ConfigureAwait(false);
            log.LogInformation("Opened account {Trader} with {Cash:C}.", seed.Trader, seed.Cash);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loops.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
