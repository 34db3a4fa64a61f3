// The extra in-process paper exchanges of Fillmore:Venues:Paper, owned (and disposed) by the host.
namespace Fillmore.Api.Hosting;

using Fillmore.Venues.Simulated;

public sealed class PaperVenues(IReadOnlyList<SimulatedVenue> all) : IDisposable
{
    public IReadOnlyList<SimulatedVenue> All => all;

    public void Dispose()
    {
        foreach (var venue in all) venue.Dispose();
    }
}
