// The trace each order's submission started, kept from its acceptance until a little after it ends,
// so that the work done for it later on other threads (its sends, the venue's reports about it)
// joins that trace under the submission. An ended order stays among the last ClosedKept ones: the
// venue often repeats a fill moments after the answer that stated it closed the order, and that
// report belongs to the same trace. Only a span of the "Fillmore" source is kept, and there is one
// only while someone samples that source: by default nothing is kept and a look-up is one read of a
// counter. Bounded: an order leaves ClosedKept ends after its own, or when another node takes it
// over (InFlight.Abandon); past Capacity orders (open ones that ended unseen, by reconciliation)
// new orders are not kept, and their later work starts traces of its own.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using System.Diagnostics;
using Fillmore.Core.Orders;

public sealed class OrderTraces
{
    public const int Capacity = 100_000;
    public const int ClosedKept = 4_096;

    private readonly ConcurrentDictionary<OrderId, ActivityContext> _contexts = new();
    private readonly ConcurrentQueue<OrderId> _closed = new();
    private int _count;

    /// <summary>How many orders' traces are kept.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Keeps the ambient span's context for <paramref name="id"/> when it is one of this source's (the
    /// submission's, when the order is accepted).</summary>
    internal void Capture(OrderId id)
    {
        if (Activity.Current is not { } current || current.Source != EngineTracing.Source || Count >= Capacity)
            return;
        if (_contexts.TryAdd(id, current.Context)) Interlocked.Increment(ref _count);
    }

    /// <summary>The context to start the order's later spans under (default: none kept).</summary>
    public ActivityContext ParentOf(OrderId id) =>
        Count > 0 && _contexts.TryGetValue(id, out var context) ? context : default;

    /// <summary>The order ended: its trace is let go after ClosedKept more have ended.</summary>
    internal void Ended(OrderId id)
    {
        if (Count == 0 || !_contexts.ContainsKey(id)) return;
        _closed.Enqueue(id);
        while (_closed.Count > ClosedKept && _closed.TryDequeue(out var oldest)) Forget(oldest);
    }

    /// <summary>Another node works the order now: its trace is let go at once.</summary>
    internal void Forget(OrderId id)
    {
        if (Count > 0 && _contexts.TryRemove(id, out _)) Interlocked.Decrement(ref _count);
    }
}
