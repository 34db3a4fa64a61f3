// The venues this node sends to, by name (FR: several venues at once; docs/routing.md). The first
// is the primary: the one orders go to when nothing else is said, and the only one of a
// single-venue node, which then behaves exactly as before there were several. Every order names
// its venue, and everything about it (send, cancel, replace, status question) goes there and only
// there; reports from every venue are merged into one stream for the engine.
namespace Fillmore.Core.Execution;

using System.Threading.Channels;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class VenueSet
{
    private readonly Dictionary<string, IVenue> _byName;
    private int _nextReader;

    public VenueSet(IReadOnlyList<IVenue> venues)
    {
        if (venues.Count == 0) throw new ArgumentException("A node needs at least one venue.", nameof(venues));
        _byName = new Dictionary<string, IVenue>(StringComparer.Ordinal);
        foreach (var venue in venues)
            if (!_byName.TryAdd(venue.Name, venue))
                throw new ArgumentException($"Two venues are named '{venue.Name}': names must differ.",
                    nameof(venues));
        All = venues;
    }

    public static VenueSet Of(IVenue venue) => new([venue]);

    public IReadOnlyList<IVenue> All { get; }

    public IVenue Primary => All[0];

    public bool Single => All.Count == 1;

    public IEnumerable<string> Names => All.Select(v => v.Name);

    /// <summary>The venue of this name (exactly as configured), or null.</summary>
    public IVenue? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The configured name that <paramref name="name"/> means, ignoring case (null: none).</summary>
    public string? Resolve(string name) =>
        Find(name)?.Name ?? All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            ?.Name;

    /// <summary>Where <paramref name="order"/> is: its venue, or one that answers "not configured" to everything
    /// (with several venues, an order of a venue since removed from the configuration is never sent somewhere
    /// else). A single-venue node has one place for everything, whatever name its orders were stored with.</summary>
    public IVenue For(Order order) => For(order.Venue);

    public IVenue For(string venue) => Single ? Primary : Find(venue) ?? new UnconfiguredVenue(venue);

    /// <summary>One report from any venue, taking them in turn (the deterministic drain's source).</summary>
    public bool TryReadReport(out ExecutionReport report)
    {
        for (var i = 0; i < All.Count; i++)
        {
            var venue = All[(_nextReader + i) % All.Count];
            if (!venue.Reports.TryRead(out report!)) continue;
            _nextReader = (_nextReader + i + 1) % All.Count;
            return true;
        }
        report = null!;
        return false;
    }

    /// <summary>Every venue's reports as one stream, until <paramref name="ct"/> ends it.</summary>
    public ChannelReader<ExecutionReport> Merge(CancellationToken ct)
    {
        if (Single) return Primary.Reports;
        var merged = Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleReader = true });
        var pumps = All.Select(v => PumpAsync(v.Reports, merged.Writer, ct)).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(t => merged.Writer.TryComplete(t.Exception?.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return merged.Reader;
    }

    private static async Task PumpAsync(ChannelReader<ExecutionReport> from, ChannelWriter<ExecutionReport> to,
        CancellationToken ct)
    {
        try
        {
            await foreach (var report in from.ReadAllAsync(ct).ConfigureAwait(false)) to.TryWrite(report);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
