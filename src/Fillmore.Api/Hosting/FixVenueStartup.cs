// Starts a configured FIX venue before the engine: its market data source is opened (a broken
// reference-price file stops the start here, with the reason) and the session's logon is awaited
// for at most its LogonTimeout, so the first orders are not refused for want of a session. A
// venue that does not answer in time is only logged: orders then wait for the logon (Retryable).
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public sealed class FixVenueStartup(FixVenue venue, IMarketData market, ILogger<FixVenueStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogInformation("Market data for {Venue}: {Count} instruments from {Source}.",
            venue.Name, market.Instruments.Count,
            market.GetType().Name);
        if (!await venue.WaitUntilLoggedOnAsync(venue.Settings.LogonTimeout, cancellationToken).ConfigureAwait(false))
            log.LogWarning("The FIX session {Session} is not logged on yet ({Error}); orders wait for it.",
                venue.Snapshot().SessionId,
                venue.Snapshot().LastError ?? "no answer");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
