// TraderId: the owner of orders, ledgers and event sequences. It comes from the authenticated
// principal, never from the request body.
namespace Fillmore.Core.Orders;

public readonly record struct TraderId(string Value)
{
    public override string ToString() => Value;
}
