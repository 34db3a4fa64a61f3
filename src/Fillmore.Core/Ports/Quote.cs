// The venue's current prices for one symbol (bid, ask, last) and when it quoted them.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public readonly record struct Quote(Symbol Symbol, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Timestamp)
{
    public decimal Mid => (Bid + Ask) / 2m;
}
