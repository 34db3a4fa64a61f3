// One WebSocket client of /ws/orders/events. The order of work is what makes the seam safe:
//   1. subscribe to live events first (they queue in the client's bounded buffer);
//   2. replay from the store every event after `since`, page by page;
//   3. drain the live buffer, skipping any event whose seq was already sent.
// An event committed during the replay is either in the store's answer or in the buffer (or
// both), so nothing is missed and nothing is sent twice. Heartbeats keep idle connections alive;
// a client that falls BufferSize events behind, and every client at server shutdown, gets a
// final "closing" frame and a close status with the seq to resume from. (A client that stopped
// reading altogether cannot receive them: its stuck send is abandoned and the connection reset.)
// Sends are never cancelled by shutdown itself: cancelling a WebSocket operation aborts the
// connection, and shutdown should close it cleanly instead.
namespace Fillmore.Api.Streaming;

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed class StreamSession(
    WebSocket socket,
    StreamFilter filter,
    long? since,
    EventHub hub,
    IOrderStore store,
    StreamOptions options,
    StreamMetrics metrics,
    TimeProvider time)
{
    private readonly Dictionary<TraderId, long> _lastSent = [];
    private CancellationToken _sendCancel;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var subscription = hub.Subscribe(filter, options.BufferSize);
        _sendCancel = subscription.OverflowToken;
        metrics.Connected();
        try
        {
            var clientClosed = DrainIncomingAsync();
            await SendControlAsync("subscribed", w =>
            {
                WriteNullable(w, "trader_id", filter.Trader?.Value);
                if (since is { } s) w.WriteNumber("since", s); else w.WriteNull("since");
                w.WriteNumber("heartbeat_seconds", options.HeartbeatInterval.TotalSeconds);
                w.WriteNumber("buffer_size", options.BufferSize);
            });
            if (since is { } after && filter.Trader is { } trader) await ReplayAsync(trader, after);
            var end = await LiveAsync(subscription, clientClosed, stopping);
            if (end == Ending.TooSlow) metrics.SlowClientDisconnected();
            await CloseAsync(end);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away, or stopped reading until its buffer overflowed.
            if (subscription.Overflowed) metrics.SlowClientDisconnected();
        }
        finally
        {
            metrics.Disconnected();
        }
    }

    private async Task ReplayAsync(TraderId trader, long after)
    {
        _lastSent[trader] = after;
        while (true)
        {
            var page = await store.GetEventsAsync(trader, _lastSent[trader], options.ReplayPageSize, _sendCancel);
            foreach (var e in page)
            {
                _lastSent[trader] = e.Seq;
                if (filter.Matches(e)) await SendAsync(OrderEventJson.Serialize(e));
            }
            if (page.Count < options.ReplayPageSize) break;
        }
        await SendControlAsync("replay_complete", w => w.WriteNumber("last_seq", _lastSent[trader]));
    }

    /// <summary>The largest message a client may send (it has nothing to say but its close: the filter is in the
    /// URL); a larger one ends the stream with 1009 and MESSAGE_TOO_LARGE.</summary>
    public const int MaxIncomingMessageBytes = 4096;

    private enum Ending { ClientClosed, ServerStopping, TooSlow, MessageTooLarge }

    private async Task<Ending> LiveAsync(EventHub.Subscription subscription, Task<bool> clientClosed,
        CancellationToken stopping)
    {
        using var heartbeat = new PeriodicTimer(options.HeartbeatInterval, time);
        var tick = heartbeat.WaitForNextTickAsync(stopping).AsTask();
        var ready = subscription.Reader.WaitToReadAsync(stopping).AsTask();
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        while (true)
        {
            var done = await Task.WhenAny(ready, tick, clientClosed, stopped);
            if (done == clientClosed) return await clientClosed ? Ending.MessageTooLarge : Ending.ClientClosed;
            if (stopping.IsCancellationRequested) return Ending.ServerStopping;
            if (done == tick)
            {
                await SendControlAsync("heartbeat", w => w.WriteString("timestamp", time.GetUtcNow().UtcDateTime));
                tick = heartbeat.WaitForNextTickAsync(stopping).AsTask();
                continue;
            }
            if (!await ready) return subscription.Overflowed ? Ending.TooSlow : Ending.ServerStopping;
            while (subscription.Reader.TryRead(out var delivered)) await DeliverAsync(delivered);
            ready = subscription.Reader.WaitToReadAsync(stopping).AsTask();
        }
    }

    // _lastSent[trader] is the seq up to which this client has everything it asked for. An event
    // at or below it was already sent (by the replay, or by a catch-up). An event beyond the next
    // one leaves a gap: the missing seqs were filtered out, or were committed by another node and
    // have not come through Redis yet. Either way they are committed, so they are read from the
    // store and sent first (those that match): the client gets every event once, in seq order.
    private async Task DeliverAsync(DeliveredEvent delivered)
    {
        var e = delivered.Event;
        if (_lastSent.TryGetValue(e.TraderId, out var last))
        {
            if (e.Seq <= last) return;
            if (e.Seq > last + 1) await CatchUpAsync(e.TraderId, last, e.Seq);
        }
        _lastSent[e.TraderId] = e.Seq;
        await SendAsync(delivered.Json);
        metrics.Sent(delivered);
    }

    private async Task CatchUpAsync(TraderId trader, long after, long before)
    {
        while (after < before - 1)
        {
            var page = await store.GetEventsAsync(trader, after,
                (int)Math.Min(before - after - 1, options.ReplayPageSize), _sendCancel);
            if (page.Count == 0) return;
            foreach (var missed in page)
            {
                if (missed.Seq >= before) return;
                after = missed.Seq;
                if (filter.Matches(missed)) await SendAsync(OrderEventJson.Serialize(missed));
            }
        }
    }

    private async Task CloseAsync(Ending end)
    {
        if (end == Ending.ClientClosed || socket.State != WebSocketState.Open) return;
        var resume = filter.Trader is { } t && _lastSent.TryGetValue(t, out var seq) ? seq : (long?)null;
        var (code, status, reason) = end switch
        {
            Ending.TooSlow => (ReasonCodes.ClientTooSlow, WebSocketCloseStatus.PolicyViolation,
                $"too slow: more than {options.BufferSize} events waited; reconnect with since"),
            Ending.MessageTooLarge => (ReasonCodes.MessageTooLarge, WebSocketCloseStatus.MessageTooBig,
                $"a message of more than {MaxIncomingMessageBytes} bytes; send nothing but close"),
            _ => (ReasonCodes.ServerShuttingDown, WebSocketCloseStatus.EndpointUnavailable,
                "server shutting down; reconnect with since"),
        };
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            // A slow client may never read the farewell: neither write may hold the server up.
            await SendControlAsync("closing", w =>
            {
                w.WriteString("code", code);
                w.WriteString("reason", reason);
                if (resume is { } r) w.WriteNumber("resume_since", r); else w.WriteNull("resume_since");
            }, grace.Token);
            await socket.CloseOutputAsync(status, resume is { } r2 ? $"{reason}={r2}" : reason, grace.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { socket.Abort(); }
    }

    // Reads (and discards) what the client sends, so that its close frame is seen. It ends when the
    // connection closes, or (true) when a message grows past MaxIncomingMessageBytes; it is never
    // cancelled (that would abort the connection).
    private async Task<bool> DrainIncomingAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        var size = 0;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) return false;
                var total = size + r.Count;
                if (total > MaxIncomingMessageBytes) return true;
                size = r.EndOfMessage ? 0 : total;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return false;
    }

    private Task SendControlAsync(string type, Action<Utf8JsonWriter> body, CancellationToken? ct = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event", type);
            body(w);
            w.WriteEndObject();
        }
        return SendAsync(buffer.WrittenMemory, ct);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken? ct = null) =>
        await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, ct ?? _sendCancel);

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
