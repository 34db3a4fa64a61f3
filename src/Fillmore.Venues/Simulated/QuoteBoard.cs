// Quotes of the paper exchange: each instrument's mid price moves on a seeded random walk, one
// step per tick, rounded to its tick size; bid and ask sit SpreadTicks apart around it, each showing
// DisplayedSize (0: no size shown). PriceOffsetBps starts every price that far from the listed one
// (a second paper venue quoting a little differently from the first).
// Deterministic: the same seed and the same number of ticks give the same quotes.
namespace Fillmore.Venues.Simulated;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class QuoteBoard
{
    private readonly Dictionary<Symbol, (Instrument Instrument, decimal Mid)> _book = [];
    private readonly SimulatedVenueOptions _options;
    private readonly Random _random;
    private readonly Dictionary<Symbol, Quote> _quotes = [];

    public QuoteBoard(SimulatedVenueOptions options, Random random, DateTimeOffset now)
    {
        _options = options;
        _random = random;
        foreach (var i in options.Instruments)
        {
            var symbol = Symbol.Of(i.Symbol);
            var price = options.PriceOffsetBps == 0 ? i.Price
                : Math.Max(i.TickSize, RoundToTick(i.Price * (1 + options.PriceOffsetBps / 10_000m), i.TickSize));
            _book[symbol] = (new Instrument(symbol, i.Name, i.TickSize, i.Status), price);
            _quotes[symbol] = QuoteAt(symbol, price, i.TickSize, now);
        }
    }

    public IEnumerable<Instrument> Instruments => _book.Values.Select(v => v.Instrument);

    public Instrument? Find(Symbol symbol) => _book.TryGetValue(symbol, out var v) ? v.Instrument : null;

    public bool TryGetQuote(Symbol symbol, out Quote quote) => _quotes.TryGetValue(symbol, out quote);

    /// <summary>One random-walk step for every active instrument (in a fixed order, for determinism).</summary>
    public void Step(DateTimeOffset now)
    {
        foreach (var symbol in _book.Keys.OrderBy(s => s.Value, StringComparer.Ordinal).ToList())
        {
            var (instrument, mid) = _book[symbol];
            if (instrument.Status != InstrumentStatus.Active) continue;
            var move = (decimal)(Gaussian() * _options.VolatilityBps / 10_000.0);
            var next = Math.Max(instrument.TickSize * (_options.SpreadTicks + 1),
                RoundToTick(mid * (1 + move), instrument.TickSize));
            _book[symbol] = (instrument, next);
            _quotes[symbol] = QuoteAt(symbol, next, instrument.TickSize, now);
        }
    }

    /// <summary>Moves a quote to an exact mid price (tests and demos: "make the price reach my limit").</summary>
    public void SetMid(Symbol symbol, decimal mid, DateTimeOffset now)
    {
        var (instrument, _) = _book[symbol];
        _book[symbol] = (instrument, mid);
        _quotes[symbol] = QuoteAt(symbol, mid, instrument.TickSize, now);
    }

    private Quote QuoteAt(Symbol symbol, decimal mid, decimal tick, DateTimeOffset now)
    {
        var half = tick * _options.SpreadTicks / 2m;
        var bid = RoundToTick(mid - half, tick);
        var ask = Math.Max(bid + tick, RoundToTick(mid + half, tick));
        return new Quote(symbol, bid, ask, mid, now, _options.DisplayedSize, _options.DisplayedSize);
    }

    private static decimal RoundToTick(decimal price, decimal tick) =>
        Math.Round(price / tick, MidpointRounding.ToEven) * tick;

    // Box-Muller: a standard normal draw from two uniforms.
    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
