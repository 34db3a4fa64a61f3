// Accumulates per-symbol totals while a report's fills stream past, so totals never need a
// second pass over the fills.
namespace Fillmore.Api.Reports;

using Fillmore.Core.Ports;

public sealed class ExecutionTotals
{
    public const string AllSymbols = "TOTAL";

    private readonly SortedDictionary<string, SymbolTotals> _bySymbol = new(StringComparer.Ordinal);

    public void Add(ExecutionRecord r)
    {
        if (!_bySymbol.TryGetValue(r.Symbol.Value, out var totals))
            _bySymbol[r.Symbol.Value] = totals = new SymbolTotals(r.Symbol.Value);
        totals.Add(r);
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
