// One symbol at one venue in the routing section of an execution report (docs/reports.md,
// "Routing"): the fills there, shares, notional and commission; of them, the fills of orders the
// SMART router placed, and their price improvement against the best single venue's quote when the
// router chose (the best ask for a buy, the best bid for a sell, among the venues it considered):
// (quote - price) x quantity for a buy, (price - quote) x quantity for a sell; positive is better.
namespace Fillmore.Api.Reports;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class VenueTotals(string symbol, string venue)
{
    public string Symbol { get; } = symbol;
    public string Venue { get; } = venue;
    public long Fills { get; private set; }
    public long Quantity { get; private set; }
    public decimal Notional { get; private set; }
    public decimal Commission { get; private set; }
    public long RoutedFills { get; private set; }
    public decimal PriceImprovement { get; private set; }

    /// <param name="benchmark">The best single venue's quote when SMART routed the fill's order (null: it named its
    /// venue).</param>
    public void Add(ExecutionRecord r, decimal? benchmark)
    {
        Fills++;
        Quantity += r.Fill.Quantity;
        Notional += r.Notional;
        Commission += r.Fill.Commission;
        if (benchmark is not { } quote) return;
        RoutedFills++;
        PriceImprovement += (r.Side == Side.Buy ? quote - r.Fill.Price : r.Fill.Price - quote) * r.Fill.Quantity;
    }

    public void Add(VenueTotals other)
    {
        Fills += other.Fills;
        Quantity += other.Quantity;
        Notional += other.Notional;
        Commission += other.Commission;
        RoutedFills += other.RoutedFills;
        PriceImprovement += other.PriceImprovement;
    }
}
