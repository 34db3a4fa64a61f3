// A real WebSocket client of /ws/orders/events, as a bot would use it.
namespace Fillmore.Api.Tests;

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

public sealed class StreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[64 * 1024];

    public WebSocket Socket => _socket;
    public List<JsonElement> Received { get; } = [];

    /// <param name="trust">Checks the server's certificate (an https server: the stream is wss).</param>
    public static async Task<StreamClient> ConnectAsync(Uri server, string? apiKey, string query = "",
        System.Net.Security.RemoteCertificateValidationCallback? trust = null)
    {
        var client = new StreamClient();
        if (trust is not null) client._socket.Options.RemoteCertificateValidationCallback = trust;
        if (apiKey is not null) client._socket.Options.SetRequestHeader("X-API-Key", apiKey);
        client._socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = "/ws/orders/events", Query = query }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client._socket.ConnectAsync(uri, timeout.Token);
        var hello = await client.NextAsync();
        if (hello.GetProperty("event").GetString() != "subscribed") throw new InvalidOperationException($"Expected 'subscribed', got {hello}");
        return client;
    }

    /// <summary>The next frame (bounded: 10 s), or throws if the server closes first.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException($"closed: {result.CloseStatus} {result.CloseStatusDescription}");
            message.Write(_buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        Received.Add(frame);
        return frame;
    }

    /// <summary>Reads order events until <paramref name="done"/> holds for one (control frames are skipped);
    /// each frame must come <paramref name="within"/> (default: NextAsync's bound).</summary>
    public async Task<List<JsonElement>> EventsUntilAsync(Func<JsonElement, bool> done, TimeSpan? within = null)
    {
        var events = new List<JsonElement>();
        while (true)
        {
            var frame = await NextAsync(within);
            if (!frame.TryGetProperty("seq", out _)) continue;
            events.Add(frame);
            if (done(frame)) return events;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        }
        _socket.Dispose();
    }

    public static string Text(JsonElement e, string name) => e.GetProperty(name).ToString();
}
