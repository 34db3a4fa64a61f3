// The totals of one symbol in an execution report: fills, shares bought and sold, notional
// (quantity x price over both sides) and commission. Exact decimals; rounding is for display.
namespace Fillmore.Api.Reports;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class SymbolTotals(string symbol)
{
    public string Symbol { get; } = symbol;
    public long Fills { get; private set; }
    public long QuantityBought { get; private set; }
    public long QuantitySold { get; private set; }
    public decimal Notional { get; private set; }
    public decimal Commission { get; private set; }

    public void Add(ExecutionRecord r)
    {
        Fills++;
        if (r.Side == Side.Buy) QuantityBought += r.Fill.Quantity;
        else QuantitySold += r.Fill.Quantity;
        Notional += r.Notional;
        Commission += r.Fill.Commission;
    }

    public void Add(SymbolTotals other)
    {
        Fills += other.Fills;
        QuantityBought += other.QuantityBought;
        QuantitySold += other.QuantitySold;
        Notional += other.Notional;
        Commission += other.Commission;
    }
}
