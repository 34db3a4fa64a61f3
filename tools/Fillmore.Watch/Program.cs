// Watch your orders live: dotnet run --project tools/Fillmore.Watch -- --key alice-demo-key [--since 0] [--url ws://127.0.0.1:5080]
// Prints each frame of /ws/orders/events as one JSON line; on a disconnect it reconnects with
// since=<last seq seen>, so no event is missed or shown twice.
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

var options = Arguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Fillmore.Watch --key API_KEY [--since SEQ] [--url ws://127.0.0.1:5080] [--symbol AAPL]");
    return 2;
}
long? lastSeq = options.Since;
using var quit = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; quit.Cancel(); };
while (!quit.IsCancellationRequested)
{
    try
    {
        lastSeq = await WatchAsync(options, lastSeq, quit.Token);
    }
    catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
    {
        Console.Error.WriteLine($"disconnected ({ex.Message}); reconnecting with since={lastSeq?.ToString() ?? "none"} in 1 s");
        try { await Task.Delay(1000, quit.Token); } catch (OperationCanceledException) { }
    }
    catch (OperationCanceledException) { }
}
return 0;

static async Task<long?> WatchAsync(Arguments options, long? since, CancellationToken ct)
{
    using var socket = new ClientWebSocket();
    socket.Options.SetRequestHeader("X-API-Key", options.Key);
    var query = string.Join('&', new[] { since is { } s ? $"since={s}" : null, options.Symbol is { } y ? $"symbol={y}" : null }.OfType<string>());
    await socket.ConnectAsync(new Uri($"{options.Url.TrimEnd('/')}/ws/orders/events?{query}"), ct);
    var buffer = new byte[64 * 1024];
    var last = since;
    while (socket.State == WebSocketState.Open)
    {
        using var frame = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await socket.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException($"server closed: {r.CloseStatus} {r.CloseStatusDescription}");
            frame.Write(buffer, 0, r.Count);
        } while (!r.EndOfMessage);
        var text = Encoding.UTF8.GetString(frame.ToArray());
        Console.WriteLine(text);
        using var doc = JsonDocument.Parse(text);
        if (doc.RootElement.TryGetProperty("seq", out var seq)) last = seq.GetInt64();
    }
    return last;
}

internal sealed record Arguments(string Key, string Url, long? Since, string? Symbol)
{
    public static Arguments? Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var key = Value("--key") ?? Environment.GetEnvironmentVariable("FILLMORE_API_KEY");
        if (key is null) return null;
        long? since = long.TryParse(Value("--since"), out var s) ? s : null;
        return new Arguments(key, Value("--url") ?? "ws://127.0.0.1:5080", since, Value("--symbol"));
    }
}
