// A trader's holding in one symbol: a signed quantity (negative: short) at an average cost.
namespace Fillmore.Core.Accounts;

using Fillmore.Core.Orders;

public sealed record Position(Symbol Symbol, long Quantity, decimal AverageCost)
{
    public static Position Flat(Symbol symbol) => new(symbol, 0, 0m);

    public decimal UnrealisedAt(decimal mark) => (mark - AverageCost) * Quantity;
}
