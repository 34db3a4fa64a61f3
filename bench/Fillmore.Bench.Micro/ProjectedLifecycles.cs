// Counts the order lifecycles the projection store has committed, from the events its writer
// publishes after each transaction (one order.filled per lifecycle): on the writer's own thread,
// with no continuation per change.
namespace Fillmore.Bench.Micro;

using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

internal sealed class ProjectedLifecycles : IEventPublisher
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Publish(IReadOnlyList<OrderEvent> committed)
    {
        var filled = 0;
        foreach (var e in committed) if (e.Type == OrderEventType.Filled) filled++;
        Interlocked.Add(ref _count, filled);
    }
}
