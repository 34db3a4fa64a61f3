// Starts the configured FIX venues before the engine: their market data source is opened (a broken
// reference-price file stops the start here, with the reason) and each session's logon is awaited,
// all at once, for at most its LogonTimeout, so the first orders are not refused for want of a
// session. A venue that does not answer in time is only logged: its orders then wait for the logon
// (Retryable), and SMART routes around it meanwhile.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public sealed class FixVenueStartup(FixVenue primary, FixVenues others, IMarketData market,
    ILogger<FixVenueStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogInformation("Market data for {Venue}: {Count} instruments from {Source}.",
            primary.Name, market.Instruments.Count,
            market.GetType().Name);
        await Task.WhenAll(others.All.Prepend(primary).Select(v => LogOnAsync(v, cancellationToken)))
            .ConfigureAwait(false);
    }

    private async Task LogOnAsync(FixVenue venue, CancellationToken ct)
    {
        if (!await venue.WaitUntilLoggedOnAsync(venue.Settings.LogonTimeout, ct).ConfigureAwait(false))
            log.LogWarning("The FIX session {Session} is not logged on yet ({Error}); orders wait for it.",
                venue.Snapshot().SessionId,
                venue.Snapshot().LastError ?? "no answer");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
