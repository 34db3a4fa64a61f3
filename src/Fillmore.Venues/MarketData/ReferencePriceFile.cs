// Market data from a reference-price file (MarketDataOptions, Source = file): loaded at start
// (a missing or broken file fails the start, with the reason), then checked every PollInterval
// and read again when its write time or size changes. A file that became unreadable keeps the
// last good prices, which then age out: a quote older than MaxQuoteAge is not served, so the
// risk rules deny orders for it (NO_QUOTE_AVAILABLE) rather than trade on a stale price.
namespace Fillmore.Venues.MarketData;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

public sealed partial class ReferencePriceFile : IMarketData, IDisposable
{
    private readonly string _path;
    private readonly MarketDataOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ITimer _poll;
    private volatile Snapshot _current;
    private (DateTime Written, long Length) _seen;

    private sealed record Snapshot(IReadOnlyList<Instrument> Instruments, Dictionary<Symbol, Quote> Quotes);

    public ReferencePriceFile(MarketDataOptions options, TimeProvider time, ILogger<ReferencePriceFile>? log = null)
    {
        _path = Path.GetFullPath(options.Path
            ?? throw new ArgumentException("A reference-price file needs a path.", nameof(options)));
        (_options, _time, _log) = (options, time, (ILogger?)log ?? NullLogger.Instance);
        _current = Load() ?? throw new InvalidOperationException(
            $"The reference-price file {_path} could not be read; see the log line above. " +
            "Fix it or point FILLMORE_REFERENCE_PRICES elsewhere.");
        _poll = time.CreateTimer(_ => Refresh(), null, options.PollInterval, options.PollInterval);
    }

    public IReadOnlyList<Instrument> Instruments => _current.Instruments;

    public Instrument? FindInstrument(Symbol symbol) => _current.Instruments.FirstOrDefault(i => i.Symbol == symbol);

    public bool TryGetQuote(Symbol symbol, out Quote quote) =>
        _current.Quotes.TryGetValue(symbol, out quote) && _time.GetUtcNow() - quote.Timestamp <= _options.MaxQuoteAge;

    /// <summary>Reads the file again now if it changed (the timer does this every PollInterval).</summary>
    public void Refresh()
    {
        try
        {
            var info = new FileInfo(_path);
            if (!info.Exists || (info.LastWriteTimeUtc, info.Length) == _seen) return;
        }
        catch (IOException) { return; }
        if (Load() is { } loaded) _current = loaded;
    }

    private Snapshot? Load()
    {
        try
        {
            var info = new FileInfo(_path);
            var seen = (info.LastWriteTimeUtc, info.Length);
            var rows = ReferencePriceParser.Parse(_path, File.ReadAllText(_path));
            _seen = seen;
            var written = new DateTimeOffset(seen.LastWriteTimeUtc, TimeSpan.Zero);
            var instruments = rows.Select(r => new Instrument(Symbol.Of(r.Symbol),
                r.Name ?? r.Symbol.ToUpperInvariant(),
                r.TickSize ?? 0.01m, r.Status ?? InstrumentStatus.Active)).ToList();
            var quotes = rows.ToDictionary(r => Symbol.Of(r.Symbol),
                r => new Quote(Symbol.Of(r.Symbol), r.Bid, r.Ask, r.Last, r.Timestamp ?? written));
            LogLoaded(_path, rows.Count);
            return new Snapshot(instruments, quotes);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException
            or System.Text.Json.JsonException)
        {
            LogUnreadable(_path, ex.Message);
            return null;
        }
    }

    public void Dispose() => _poll.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference prices loaded from {Path}: {Count} instruments.")]
    private partial void LogLoaded(string path, int count);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The reference-price file {Path} cannot be read ({Problem}); " +
            "the last good prices are kept until they are too old.")]
    private partial void LogUnreadable(string path, string problem);
}
