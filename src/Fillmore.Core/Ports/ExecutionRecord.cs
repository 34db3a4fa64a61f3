// One fill with what a report needs from its order (symbol, side). Seq is the store's recording
// order, used only to page through fills that share a timestamp.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record ExecutionRecord(long Seq, Fill Fill, Symbol Symbol, Side Side)
{
    public decimal Notional => Fill.Quantity * Fill.Price;
}
