// The extra exchange processes of Fillmore:Venues:Exchange (each a RemoteVenue), owned by the host.
namespace Fillmore.Api.Hosting;

using Fillmore.Venues.Remote;

public sealed class ExchangeVenues(IReadOnlyList<RemoteVenue> all) : IAsyncDisposable
{
    public IReadOnlyList<RemoteVenue> All => all;

    public async ValueTask DisposeAsync()
    {
        foreach (var venue in all) await venue.DisposeAsync().ConfigureAwait(false);
    }
}
