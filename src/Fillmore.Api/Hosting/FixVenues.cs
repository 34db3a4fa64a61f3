// The FIX sessions configured beside the primary one (every value under Fillmore:Venues after the
// first), each its own venue with its own session state, owned (and disposed) by the host.
namespace Fillmore.Api.Hosting;

using Fillmore.Venues.Fix;

public sealed class FixVenues(IReadOnlyList<FixVenue> all) : IAsyncDisposable
{
    public static readonly FixVenues None = new([]);

    public IReadOnlyList<FixVenue> All => all;

    public async ValueTask DisposeAsync()
    {
        foreach (var venue in all) await venue.DisposeAsync().ConfigureAwait(false);
    }
}
