// The store benchmarks measure the store alone: committed events go nowhere.
namespace Fillmore.Bench.Micro;

using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

internal sealed class NoSubscribers : IEventPublisher
{
    public void Publish(IReadOnlyList<OrderEvent> committed) { }
}
