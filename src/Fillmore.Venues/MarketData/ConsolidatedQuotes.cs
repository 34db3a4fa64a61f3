// The market across several venues, as risk, the account and held orders' triggers see it when a
// node sends to more than one: the instruments the venues list (the first venue's word first), and
// per symbol the best bid and the best ask any venue quotes, with the size shown at that price
// summed over the venues showing it. A venue with no quote for the symbol is left out of it.
namespace Fillmore.Venues.MarketData;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class ConsolidatedQuotes : IMarketData, IQuoteFeed
{
    private readonly IReadOnlyList<IMarketData> _sources;

    public ConsolidatedQuotes(IReadOnlyList<IMarketData> sources)
    {
        _sources = sources;
        foreach (var feed in sources.OfType<IQuoteFeed>()) feed.QuoteChanged += symbol => QuoteChanged?.Invoke(symbol);
    }

    public event Action<Symbol>? QuoteChanged;

    public IReadOnlyList<Instrument> Instruments =>
        _sources.SelectMany(s => s.Instruments).DistinctBy(i => i.Symbol).ToList();

    public Instrument? FindInstrument(Symbol symbol) =>
        _sources.Select(s => s.FindInstrument(symbol)).FirstOrDefault(i => i is not null);

    public bool TryGetQuote(Symbol symbol, out Quote quote)
    {
        var quotes = new List<Quote>(_sources.Count);
        foreach (var source in _sources)
            if (source.TryGetQuote(symbol, out var q)) quotes.Add(q);
        if (quotes.Count == 0)
        {
            quote = default;
            return false;
        }
        var bid = quotes.Max(q => q.Bid);
        var ask = quotes.Min(q => q.Ask);
        quote = new Quote(symbol, bid, ask, quotes[0].Last, quotes.Max(q => q.Timestamp),
            quotes.Where(q => q.Bid == bid).Sum(q => q.BidSize), quotes.Where(q => q.Ask == ask).Sum(q => q.AskSize));
        return true;
    }
}
