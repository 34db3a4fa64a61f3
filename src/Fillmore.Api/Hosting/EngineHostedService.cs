// Starts the execution engine before Kestrel listens (hosted services start first), so no order
// is accepted until it is done: demo accounts are created if missing, the persisted controls (halts,
// the execution flag) are restored, and start-up recovery reconciles open orders while the send and report loops run.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote;
using Microsoft.Extensions.Options;

public sealed class EngineHostedService(
    ExecutionCoordinator coordinator,
    IWorkLeases leases,
    VenueSet venues,
    AccountService accounts,
    ControlService controls,
    IOptions<AccountSeedOptions> seeds,
    IOptions<DefaultLimitsOptions> limits,
    StartupState state,
    ILogger<EngineHostedService> log) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A node of a shared store takes its lease before it writes an order, or another node could claim it at once.
        if (leases.Shared) await leases.RenewAsync(cancellationToken).ConfigureAwait(false);
        // A remote venue's instruments and quotes are loaded first, so the first orders are not refused for want of
        // them.
        foreach (var venue in venues.All)
            if (Venues.Throttled.ThrottledVenue.Innermost(venue) is RemoteVenue remote
                && !await remote.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false))
                log.LogWarning("The venue {Venue} has not answered yet; orders are refused (no quote) until it does.",
                    venue.Name);
        await SeedAccountsAsync(cancellationToken).ConfigureAwait(false);
        await controls.LoadAsync(cancellationToken).ConfigureAwait(false);
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
            await accounts.UpdateAsync(trader,
                a => a with { Cash = seed.Cash, Limits = limits.Value.ToLimits(seed.ShortSellingEnabled) }, ct: ct)
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
