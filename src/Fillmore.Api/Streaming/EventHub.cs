// In-process fan-out of committed events. The store's writer calls Publish right after each
// commit, in commit order, on its own thread: Publish never blocks. Each event is serialized once
// and offered to every matching subscriber's bounded buffer; a subscriber whose buffer is full is
// cut off (its reader completes with Overflowed set) instead of slowing anyone else.
// Subscribers are indexed by trader, so a publish touches only the subscribers who want it.
namespace Fillmore.Api.Streaming;

using System.Diagnostics;
using System.Threading.Channels;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed class EventHub : IEventPublisher
{
    private readonly object _lock = new();
    private Dictionary<TraderId, Subscription[]> _byTrader = [];
    private Subscription[] _everyone = [];

    public int SubscriberCount
    {
        get { lock (_lock) return _everyone.Length + _byTrader.Values.Sum(s => s.Length); }
    }

    public void Publish(IReadOnlyList<OrderEvent> committed)
    {
        if (committed.Count == 0) return;
        var now = Stopwatch.GetTimestamp();
        var (byTrader, everyone) = (_byTrader, _everyone);   // copy-on-write snapshots: no lock on the hot path
        foreach (var e in committed)
        {
            DeliveredEvent? delivered = null;
            if (byTrader.TryGetValue(e.TraderId, out var own)) Offer(own, e, ref delivered, now);
            Offer(everyone, e, ref delivered, now);
        }
    }

    private static void Offer(Subscription[] subscribers, OrderEvent e, ref DeliveredEvent? delivered, long now)
    {
        foreach (var s in subscribers)
        {
            if (!s.Filter.Matches(e)) continue;
            delivered ??= new DeliveredEvent(e, OrderEventJson.Serialize(e), now);
            s.Offer(delivered);
        }
    }

    public Subscription Subscribe(StreamFilter filter, int capacity)
    {
        var subscription = new Subscription(this, filter, capacity);
        lock (_lock)
        {
            if (filter.Trader is { } trader)
                _byTrader = new Dictionary<TraderId, Subscription[]>(_byTrader)
                {
                    [trader] = [.. _byTrader.GetValueOrDefault(trader, []), subscription]
                };
            else _everyone = [.. _everyone, subscription];
        }
        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            if (subscription.Filter.Trader is not { } trader)
            {
                _everyone = _everyone.Where(s => s != subscription).ToArray();
                return;
            }
            var rest = _byTrader.GetValueOrDefault(trader, []).Where(s => s != subscription).ToArray();
            var copy = new Dictionary<TraderId, Subscription[]>(_byTrader);
            if (rest.Length == 0) copy.Remove(trader); else copy[trader] = rest;
            _byTrader = copy;
        }
    }

    /// <summary>One subscriber's bounded buffer. Dispose to unsubscribe.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly EventHub _hub;
        private readonly Channel<DeliveredEvent> _buffer;
        // Never disposed: the writer thread may still offer to a subscription being disposed, and an
        // undisposed CancellationTokenSource without a timer holds nothing the GC cannot collect.
        private readonly CancellationTokenSource _overflow = new();

        internal Subscription(EventHub hub, StreamFilter filter, int capacity)
        {
            _hub = hub;
            Filter = filter;
            _buffer = Channel.CreateBounded<DeliveredEvent>(new BoundedChannelOptions(capacity) { SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait });
        }

        public StreamFilter Filter { get; }
        public ChannelReader<DeliveredEvent> Reader => _buffer.Reader;
        /// <summary>True once the buffer overflowed: the reader completes and the client must resume with
        /// since.</summary>
        public bool Overflowed => _overflow.IsCancellationRequested;

        /// <summary>Cancelled on overflow, so a send stuck on a client that stopped reading is abandoned.</summary>
        public CancellationToken OverflowToken => _overflow.Token;

        internal void Offer(DeliveredEvent e)
        {
            if (_buffer.Writer.TryWrite(e) || Overflowed) return;
            _buffer.Writer.TryComplete();
            _overflow.Cancel();
        }

        public void Dispose()
        {
            _hub.Unsubscribe(this);
            _buffer.Writer.TryComplete();
        }
    }
}
