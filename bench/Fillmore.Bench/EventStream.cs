// One WebSocket client of /ws/orders/events, as a bot runs it: it correlates frames by client
// order id and records when each arrived (monotonic) and how long after the venue's timestamp.
// Frames are read raw with the client library's socket (Fillmore.Client.OrderEventSocket) and
// scanned, not deserialised, so a thousand streams cost the measured machine little.
namespace Fillmore.Bench;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fillmore.Client;

public sealed class EventStream : IAsyncDisposable
{
    private OrderEventSocket _socket = null!;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiters = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Fill events: wall-clock delay between the venue's timestamp and receipt here.</summary>
    public Samples? FillPropagation { get; set; }

    public static async Task<EventStream> ConnectAsync(Uri service, IEnumerable<(string Name, string Value)> headers)
    {
        var stream = new EventStream();
        stream._socket = await OrderEventSocket.ConnectAsync(service, headers, "", CancellationToken.None);
        stream._loop = stream.ReceiveLoopAsync();
        return stream;
    }

    /// <summary>Completes with the Stopwatch timestamp at which `event` for this client order id arrived.</summary>
    public Task<long> WaitFor(string clientOrderId, string eventType) =>
        _waiters.GetOrAdd($"{clientOrderId}/{eventType}", _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var text = await _socket.ReceiveAsync(_stop.Token);
                if (text is null) return;
                Handle(Encoding.UTF8.GetBytes(text), Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
    }

    private void Handle(ReadOnlySpan<byte> json, long arrived, DateTimeOffset wall)
    {
        var reader = new Utf8JsonReader(json);
        string? type = null, clientOrderId = null;
        DateTimeOffset? timestamp = null;
        var depth = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
            else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
            else if (reader.TokenType == JsonTokenType.PropertyName && depth == 1)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "event") type = reader.GetString();
                else if (name == "client_order_id" && reader.TokenType == JsonTokenType.String) clientOrderId = reader.GetString();
                else if (name == "timestamp" && reader.TokenType == JsonTokenType.String) timestamp = reader.GetDateTimeOffset();
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        if (type is null || clientOrderId is null) return;
        if (type == "order.filled" && timestamp is { } venueTime) FillPropagation?.Add(wall - venueTime);
        _waiters.GetOrAdd($"{clientOrderId}/{type}", _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(arrived);
        if (type != "order.accepted") _waiters.TryRemove($"{clientOrderId}/order.accepted", out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        await _socket.DisposeAsync();
    }
}
