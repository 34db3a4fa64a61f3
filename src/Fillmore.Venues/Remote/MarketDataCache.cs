// Instruments and quotes of a remote exchange, held in memory so that IMarketData answers at
// once without touching the network. A timer on the injected TimeProvider fetches both every
// QuotePollInterval and swaps in a new immutable snapshot. Fail closed: until the first fetch
// succeeds nothing is known (no instrument, no quote), and quotes older than MaxQuoteAge are
// not served, so the risk rules deny rather than price an order on a stale market.
namespace Fillmore.Venues.Remote;

using System.Text.Json;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;
using Microsoft.Extensions.Logging;

internal sealed partial class MarketDataCache : IDisposable
{
    private sealed record Snapshot(IReadOnlyDictionary<Symbol, Instrument> Instruments,
        IReadOnlyDictionary<Symbol, Quote> Quotes, DateTimeOffset FetchedAt);

    private readonly HttpClient _http;
    private readonly RemoteVenueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private volatile Snapshot? _snapshot;
    private int _refreshing;
    private bool _failing;

    public MarketDataCache(HttpClient http, RemoteVenueOptions options, TimeProvider time, ILogger log)
    {
        (_http, _options, _time, _log) = (http, options, time, log);
        FirstAttempt = RefreshAsync();
        _timer = time.CreateTimer(_ => _ = RefreshAsync(), null, options.QuotePollInterval, options.QuotePollInterval);
    }

    /// <summary>Completes once the first fetch has succeeded or failed.</summary>
    public Task FirstAttempt { get; }

    public IReadOnlyList<Instrument> Instruments => _snapshot?.Instruments.Values.ToList() ?? [];

    public Instrument? Find(Symbol symbol) =>
        _snapshot is { } s && s.Instruments.TryGetValue(symbol, out var instrument) ? instrument : null;

    public bool TryGetQuote(Symbol symbol, out Quote quote)
    {
        quote = default;
        return _snapshot is { } s && _time.GetUtcNow() - s.FetchedAt <= _options.MaxQuoteAge
            && s.Quotes.TryGetValue(symbol, out quote);
    }

    /// <summary>Fetches instruments and quotes once (overlapping calls are skipped); never throws.</summary>
    public async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1) return;
        try
        {
            using var deadline = new Deadline(_options.RequestTimeout, _time, _stopping.Token);
            var instruments = FetchAsync<WireInstrument>("v1/instruments", deadline.Token);
            var quotes = FetchAsync<WireQuote>("v1/quotes", deadline.Token);
            var fetched = new Snapshot(
                (await instruments.ConfigureAwait(false)).Select(WireMapping.ToCore).ToDictionary(i => i.Symbol),
                (await quotes.ConfigureAwait(false)).Select(WireMapping.ToCore).ToDictionary(q => q.Symbol),
                _time.GetUtcNow());
            _snapshot = fetched;
            if (_failing) LogRecovered(_options.Url);
            _failing = false;
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            if (!_failing) LogFailing(_options.Url, ex.Message);
            _failing = true;
        }
        catch (OperationCanceledException) { }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<List<T>> FetchAsync<T>(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize<List<T>>(body, WireJson.Options)
            ?? throw new JsonException($"{path}: empty answer");
    }

    public void Dispose()
    {
        _stopping.Cancel();   // not disposed: a refresh already running may still read its token
        _timer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Market data from the exchange at {Url} cannot be fetched ({Why}); "
            + "quotes go stale and orders that need them are denied.")]
    private partial void LogFailing(string url, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Market data from the exchange at {Url} is flowing again.")]
    private partial void LogRecovered(string url);
}
