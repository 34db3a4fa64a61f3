// Receives events right after the commit that recorded them, in commit order. Implementations
// must not block: they hand events to subscribers' own buffers.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Streaming;

public interface IEventPublisher
{
    void Publish(IReadOnlyList<OrderEvent> committed);
}
