// A raw-frame client of /ws/orders/events for the stream's own tests: every frame as JSON, control
// frames included, on the client library's one WebSocket reader (Fillmore.Client.OrderEventSocket).
// Bots use FillmoreClient.StreamEventsAsync instead, which also resumes after a drop.
namespace Fillmore.Api.Tests;

using System.Net.WebSockets;
using System.Text.Json;
using Fillmore.Client;

public sealed class StreamClient : IAsyncDisposable
{
    private readonly OrderEventSocket _socket;

    private StreamClient(OrderEventSocket socket) => _socket = socket;

    public WebSocket Socket => _socket.Socket;
    public List<JsonElement> Received { get; } = [];

    /// <param name="trust">Checks the server's certificate (an https server: the stream is wss).</param>
    public static async Task<StreamClient> ConnectAsync(Uri server, string? apiKey, string query = "",
        System.Net.Security.RemoteCertificateValidationCallback? trust = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var headers = apiKey is null ? [] : new[] { ("X-API-Key", apiKey) };
        var client = new StreamClient(await OrderEventSocket.ConnectAsync(server, headers, query, timeout.Token, trust));
        var hello = await client.NextAsync();
        if (hello.GetProperty("event").GetString() != "subscribed") throw new InvalidOperationException($"Expected 'subscribed', got {hello}");
        return client;
    }

    /// <summary>The next frame (bounded: 10 s), or throws if the server closes first.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        var text = await _socket.ReceiveAsync(timeout.Token)
            ?? throw new WebSocketException($"closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
        var frame = JsonDocument.Parse(text).RootElement.Clone();
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

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    public static string Text(JsonElement e, string name) => e.GetProperty(name).ToString();
}
