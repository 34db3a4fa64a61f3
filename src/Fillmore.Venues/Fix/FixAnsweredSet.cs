// ClOrdIDs the venue has answered (an ExecutionReport, a cancel reject, a reject naming the
// message): proof it processed that message, so a resend it asks for can only duplicate it and is
// gap-filled instead. Bounded: the oldest entries are forgotten first (a resend asks for recent
// messages; the venue losing its numbering is handled apart, for every old message).
namespace Fillmore.Venues.Fix;

internal sealed class FixAnsweredSet(int capacity)
{
    private readonly object _lock = new();
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string? clOrdId)
    {
        if (clOrdId is null) return;
        lock (_lock)
        {
            if (!_set.Add(clOrdId)) return;
            _order.Enqueue(clOrdId);
            if (_order.Count > capacity) _set.Remove(_order.Dequeue());
        }
    }

    public bool Contains(string? clOrdId)
    {
        if (clOrdId is null) return false;
        lock (_lock) return _set.Contains(clOrdId);
    }
}
