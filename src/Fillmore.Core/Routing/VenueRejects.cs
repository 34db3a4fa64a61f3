// How many orders each venue refused lately: the SMART router uses a venue that keeps refusing only
// when no other can take the order. Fed by the sender with every Rejected answer.
namespace Fillmore.Core.Routing;

using System.Collections.Concurrent;

public sealed class VenueRejects(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _byVenue = new(StringComparer
        .Ordinal);

    public void Record(string venue) => _byVenue.GetOrAdd(venue, _ => new()).Enqueue(time.GetUtcNow());

    /// <summary>Refusals within <paramref name="window"/> before now (older ones are forgotten).</summary>
    public int Recent(string venue, TimeSpan window)
    {
        if (!_byVenue.TryGetValue(venue, out var at)) return 0;
        var since = time.GetUtcNow() - window;
        while (at.TryPeek(out var oldest) && oldest < since) at.TryDequeue(out _);
        return at.Count;
    }
}
