// In-process fan-out of committed events. The store's writer calls Publish right after each
// commit, in commit order; each subscriber gets the batch on its own (non-blocking) callback and
// must copy what it needs into its own buffer.
namespace Fillmore.Api.Streaming;

using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed class EventHub : IEventPublisher
{
    private readonly object _lock = new();
    private Action<IReadOnlyList<OrderEvent>>[] _subscribers = [];

    public void Publish(IReadOnlyList<OrderEvent> committed)
    {
        if (committed.Count == 0) return;
        foreach (var subscriber in _subscribers) subscriber(committed);
    }

    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Subscribe(Action<IReadOnlyList<OrderEvent>> subscriber)
    {
        lock (_lock) _subscribers = [.. _subscribers, subscriber];
        return new Subscription(this, subscriber);
    }

    private void Unsubscribe(Action<IReadOnlyList<OrderEvent>> subscriber)
    {
        lock (_lock) _subscribers = _subscribers.Where(s => s != subscriber).ToArray();
    }

    private sealed class Subscription(EventHub hub, Action<IReadOnlyList<OrderEvent>> subscriber) : IDisposable
    {
        public void Dispose() => hub.Unsubscribe(subscriber);
    }
}
