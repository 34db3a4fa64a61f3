// The store's publisher with the order-flow count in front: the store calls it once per commit on
// its writer thread, so each committed event is counted once, on the node that committed it (events
// relayed from other nodes through Redis do not pass here).
namespace Fillmore.Api.Observability;

using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed class CountingEventPublisher(IEventPublisher inner) : IEventPublisher
{
    public void Publish(IReadOnlyList<OrderEvent> committed)
    {
        foreach (var e in committed) OrderFlowMetrics.Committed(e.Type);
        inner.Publish(committed);
    }
}
