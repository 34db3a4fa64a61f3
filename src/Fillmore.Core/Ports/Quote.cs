// The venue's current prices for one symbol (bid, ask, last), when it quoted them, and the size it
// shows at the bid and the ask (0: not shown; the SMART router then assumes the order fits).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public readonly record struct Quote(Symbol Symbol, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Timestamp,
    long BidSize = 0, long AskSize = 0)
{
    public decimal Mid => (Bid + Ask) / 2m;
}
