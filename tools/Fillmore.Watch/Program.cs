// Watch your orders live: dotnet run --project tools/Fillmore.Watch -- --key alice-demo-key [--since 0] [--url http://127.0.0.1:5080]
// Prints each order event as one JSON line. The client library's stream (FillmoreClient.StreamEventsAsync)
// reconnects after a drop with since=<last seq printed>, so no event is missed or shown twice; connection
// news goes to stderr.
using System.Text.Json;
using Fillmore.Client;

var options = Arguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Fillmore.Watch --key API_KEY [--since SEQ] [--url http://127.0.0.1:5080] [--symbol AAPL]");
    return 2;
}
using var quit = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; quit.Cancel(); };
using var client = new FillmoreClient(new FillmoreClientOptions { BaseAddress = options.Url, ApiKey = options.Key });
var stream = new EventStreamOptions
{
    Since = options.Since, Symbol = options.Symbol,
    Notices = n => Console.Error.WriteLine($"{n.Kind.ToString().ToLowerInvariant()} (last seq {n.LastSeq?.ToString() ?? "none"}) {n.Detail}"),
};
try
{
    await foreach (var e in client.StreamEventsAsync(stream, quit.Token))
        Console.WriteLine(JsonSerializer.Serialize(e, FillmoreJson.Options));
}
catch (OperationCanceledException) when (quit.IsCancellationRequested) { }
catch (FillmoreApiException refused)
{
    Console.Error.WriteLine($"refused: {refused.Message}");
    return 1;
}
return 0;

internal sealed record Arguments(string Key, Uri Url, long? Since, string? Symbol)
{
    public static Arguments? Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var key = Value("--key") ?? Environment.GetEnvironmentVariable("FILLMORE_API_KEY");
        if (key is null) return null;
        long? since = long.TryParse(Value("--since"), out var s) ? s : null;
        // ws:// and wss:// (this tool's old form) name the same service as http:// and https://.
        var url = (Value("--url") ?? "http://127.0.0.1:5080").Replace("ws://", "http://").Replace("wss://", "https://");
        return new Arguments(key, new Uri(url), since, Value("--symbol"));
    }
}
