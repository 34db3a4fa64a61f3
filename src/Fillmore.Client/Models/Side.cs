// The side of an order. Unknown stands for a value a newer service sends that this client does not know yet.
namespace Fillmore.Client;

public enum Side
{
    Unknown,
    Buy,
    Sell,
}
