// Fan-out across nodes. Each node's store writer publishes its committed events to the local
// EventHub (its own WebSocket clients, at once) and to one Redis channel, tagged with the node's
// id; every node delivers the events of the other nodes to its own clients. Redis is only the
// courier: the store stays the source of truth, so a client that misses a message (Redis down,
// reconnect) gets it from the store through since=<seq> or the stream's gap catch-up.
// An event from another node also means that node changed the trader's account or orders, so
// the trader's cached ledger here is dropped and reloaded on next use.
namespace Fillmore.Api.Cluster;

using System.Buffers;
using System.Text.Json;
using Fillmore.Api.Streaming;
using Fillmore.Core.Accounts;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using StackExchange.Redis;

public sealed partial class RedisEventRelay : IEventPublisher, IHostedService
{
    private readonly EventHub _hub;
    private readonly Lazy<LedgerBook> _ledgers;   // lazy: the ledgers need the store, which needs this publisher
    private readonly ISubscriber _redis;
    private readonly RedisChannel _channel;
    private readonly string _nodeId;
    private readonly ILogger _log;
    private ChannelMessageQueue? _queue;

    public RedisEventRelay(EventHub hub, Lazy<LedgerBook> ledgers, IConnectionMultiplexer redis, ClusterOptions options,
        string nodeId, ILogger<RedisEventRelay> log)
    {
        (_hub, _ledgers, _redis, _nodeId, _log) = (hub, ledgers, redis.GetSubscriber(), nodeId, log);
        _channel = RedisChannel.Literal(options.EventChannel);
    }

    /// <summary>Starts delivering other nodes' events (messages on one channel arrive in order, one at a
    /// time).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await _redis.SubscribeAsync(_channel).ConfigureAwait(false);
        _queue.OnMessage(message => Deliver(message.Message));
    }

    // Called by the store's writer thread right after a commit: never blocks (fire and forget).
    public void Publish(IReadOnlyList<OrderEvent> committed)
    {
        _hub.Publish(committed);
        if (committed.Count == 0) return;
        try { _redis.Publish(_channel, Encode(_nodeId, committed), CommandFlags.FireAndForget); }
        catch (RedisException ex) { LogPublishFailed(_log, ex, committed.Count); }
    }

    private void Deliver(RedisValue message)
    {
        try
        {
            var (origin, events) = Decode((byte[]?)message ?? []);
            if (origin == _nodeId) return;
            foreach (var trader in events.Select(e => e.TraderId).Distinct()) _ledgers.Value.Invalidate(trader);
            _hub.Publish(events);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException
            or InvalidOperationException)
        {
            LogUnreadable(_log, ex);
        }
    }

    // {"node":"a","events":[<the events' wire JSON, as clients get it>]}
    internal static byte[] Encode(string nodeId, IReadOnlyList<OrderEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("node", nodeId);
            w.WriteStartArray("events");
            foreach (var e in events) OrderEventJson.Write(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    internal static (string Node, IReadOnlyList<OrderEvent> Events) Decode(byte[] message)
    {
        using var doc = JsonDocument.Parse(message);
        var events = doc.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => OrderEventJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()))).ToList();
        return (doc.RootElement.GetProperty("node").GetString() ?? "", events);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Publishing {Count} events to Redis failed; other nodes' clients catch up from the store.")]
    private static partial void LogPublishFailed(ILogger log, Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "An unreadable message arrived on the event channel; it was skipped.")]
    private static partial void LogUnreadable(ILogger log, Exception ex);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is { } queue) await queue.UnsubscribeAsync().ConfigureAwait(false);
    }
}
