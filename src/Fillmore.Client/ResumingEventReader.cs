// The event stream's engine: reads events over the WebSocket (or long-polls), and when the connection
// drops (a reset, a server restart, a CLIENT_TOO_SLOW or SERVER_SHUTTING_DOWN close, 3 missed
// heartbeats) reconnects with since=<the last seq it handed out>. Every event it hands out has a
// larger seq than the one before for its trader, so a replay's overlap is never yielded twice.
// Refusals (a bad parameter, wrong credentials) are not retried: they are the caller's to fix.
namespace Fillmore.Client;

using System.Net.WebSockets;
using System.Text.Json;

internal sealed class ResumingEventReader(FillmoreHttp http, EventStreamOptions options) : IAsyncDisposable
{
    private static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, long> _lastSeqByTrader = new(StringComparer.Ordinal);
    private readonly Queue<OrderEvent> _polled = new();
    private long? _resumeAfter = options.Since;
    private OrderEventSocket? _socket;
    private TimeSpan _heartbeat = DefaultHeartbeat;
    private int _failures;

    public async Task<OrderEvent> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            OrderEvent? next;
            try
            {
                next = options.Transport == EventTransport.WebSocket
                    ? await NextFromSocketAsync(ct).ConfigureAwait(false)
                    : await NextFromPollAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDrop(ex, ct))
            {
                await DroppedAsync(ex.Message, ct).ConfigureAwait(false);
                continue;
            }
            if (next is null || !IsNew(next)) continue;
            _failures = 0;
            return next;
        }
    }

    // Advances the trader's last seq; false for an event at or below it (a replay's overlap, a late copy).
    private bool IsNew(OrderEvent e)
    {
        if (_lastSeqByTrader.TryGetValue(e.TraderId, out var last) && e.Seq <= last) return false;
        _lastSeqByTrader[e.TraderId] = e.Seq;
        // Seqs are per trader: resuming by seq is possible only on one trader's stream.
        if (_lastSeqByTrader.Count == 1 || options.TraderId is not null) _resumeAfter = e.Seq;
        else _resumeAfter = null;
        return true;
    }

    private async Task<OrderEvent?> NextFromSocketAsync(CancellationToken ct)
    {
        if (_socket is null)
        {
            var query = new QueryString().Add("since", _resumeAfter).Add("symbol", options.Symbol)
                .Add("order_id", options.OrderId?.ToString()).Add("trader_id", options.TraderId).ToString();
            var headers = await http.HeadersAsync(ct).ConfigureAwait(false);
            _socket = await OrderEventSocket.ConnectAsync(http.Options.BaseAddress, headers,
                query.TrimStart('?'), ct, http.Options.StreamCertificateValidation).ConfigureAwait(false);
        }
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(_heartbeat * 3);
        var text = await _socket.ReceiveAsync(silence.Token).ConfigureAwait(false)
            ?? throw new IOException($"the server closed the stream ({_socket.CloseStatus} "
                + $"{_socket.CloseStatusDescription})");
        using var frame = JsonDocument.Parse(text);
        var root = frame.RootElement;
        if (root.TryGetProperty("seq", out _)) return root.Deserialize<OrderEvent>(FillmoreJson.Options);
        switch (root.TryGetProperty("event", out var type) ? type.GetString() : null)
        {
            case "subscribed":
                if (root.TryGetProperty("heartbeat_seconds", out var beat) && beat.TryGetInt32(out var seconds)
                    && seconds > 0) _heartbeat = TimeSpan.FromSeconds(seconds);
                Notify(StreamNoticeKind.Connected, null);
                break;
            case "replay_complete":
                Notify(StreamNoticeKind.ReplayComplete, null);
                break;
        }
        return null;
    }

    private async Task<OrderEvent?> NextFromPollAsync(CancellationToken ct)
    {
        if (_polled.Count > 0) return _polled.Dequeue();
        var after = _resumeAfter ?? 0;
        var path = "api/v1/events" + new QueryString().Add("after", after).Add("limit", 1000)
            .Add("wait", (long)options.PollWait.TotalSeconds).Add("trader_id", options.TraderId);
        using var response = await http.SendAsync(HttpMethod.Get, path, null, RetryMode.Once, ct,
            extraTimeout: options.PollWait).ConfigureAwait(false);
        var page = await FillmoreHttp.ParseAsync<EventPage>(response, ct).ConfigureAwait(false);
        if (_failures > 0) Notify(StreamNoticeKind.Connected, null);
        _failures = 0;
        foreach (var e in page.Data.Where(Wanted)) _polled.Enqueue(e);
        // Past what the filters skipped too, so the next poll does not read it again.
        if (page.LastSeq > after) _resumeAfter = page.LastSeq;
        return _polled.Count > 0 ? _polled.Dequeue() : null;
    }

    // The polling route has no symbol or order filter: apply the stream's here.
    private bool Wanted(OrderEvent e) =>
        (options.Symbol is null || string.Equals(e.Symbol, options.Symbol, StringComparison.OrdinalIgnoreCase))
        && (options.OrderId is null || e.OrderId == options.OrderId);

    private static bool IsDrop(Exception ex, CancellationToken ct) => !ct.IsCancellationRequested && ex switch
    {
        FillmoreApiException api => api.Problem.Status >= 500 || api.Problem.Status == 429,
        WebSocketException or IOException or HttpRequestException or FillmoreConnectionException => true,
        OperationCanceledException => true,   // three heartbeats missed, or one poll timed out
        _ => false,
    };

    private async Task DroppedAsync(string reason, CancellationToken ct)
    {
        await CloseSocketAsync().ConfigureAwait(false);
        _failures++;
        Notify(StreamNoticeKind.Disconnected, reason);
        var o = http.Options;
        var delay = Math.Min(o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(_failures - 1, 10)),
            o.MaxRetryDelay.TotalMilliseconds);
        await Task.Delay(TimeSpan.FromMilliseconds(delay), o.TimeProvider, ct).ConfigureAwait(false);
    }

    private void Notify(StreamNoticeKind kind, string? detail) =>
        options.Notices?.Invoke(new StreamNotice(kind, _resumeAfter, detail));

    private async Task CloseSocketAsync()
    {
        if (_socket is null) return;
        await _socket.DisposeAsync().ConfigureAwait(false);
        _socket = null;
    }

    public ValueTask DisposeAsync() => new(CloseSocketAsync());
}
