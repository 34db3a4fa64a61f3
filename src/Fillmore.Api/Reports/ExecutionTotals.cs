// Accumulates per-symbol totals while a report's fills stream past, so totals never need a
// second pass over the fills.
namespace Fillmore.Api.Reports;

using Fillmore.Core.Ports;

public sealed class ExecutionTotals
{
    public const string AllSymbols = "TOTAL";

    private readonly SortedDictionary<string, SymbolTotals> _bySymbol = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string Symbol, string Venue), VenueTotals> _byVenue = [];

    public void Add(ExecutionRecord r)
    {
        if (!_bySymbol.TryGetValue(r.Symbol.Value, out var totals))
            _bySymbol[r.Symbol.Value] = totals = new SymbolTotals(r.Symbol.Value);
        totals.Add(r);
    }

    /// <summary>Counts the fill in the routing section too (see VenueTotals).</summary>
    public void Add(ExecutionRecord r, decimal? benchmark)
    {
        Add(r);
        var key = (r.Symbol.Value, r.Fill.Venue);
        if (!_byVenue.TryGetValue(key, out var totals)) _byVenue[key] = totals = new VenueTotals(key.Item1, key.Item2);
        totals.Add(r, benchmark);
    }

    /// <summary>The routing section: one row per symbol and venue, in that order.</summary>
    public IReadOnlyList<VenueTotals> Venues => _byVenue.Values.ToList();

    /// <summary>Every symbol and venue together (the routing section's last row).</summary>
    public VenueTotals VenueTotal
    {
        get
        {
            var total = new VenueTotals(AllSymbols, "");
            foreach (var v in _byVenue.Values) total.Add(v);
            return total;
        }
    }

    /// <summary>One row per symbol, in symbol order.</summary>
    public IReadOnlyList<SymbolTotals> Symbols => _bySymbol.Values.ToList();

    /// <summary>Every symbol together (the last row of the totals).</summary>
    public SymbolTotals Total
    {
        get
        {
            var total = new SymbolTotals(AllSymbols);
            foreach (var s in _bySymbol.Values) total.Add(s);
            return total;
        }
    }
}
