// What a fill does to cash, the position and realised P&L. Buys pay price x quantity plus
// commission; sells receive it less commission. Closing (part of) a position realises
// (price - average cost) x closed quantity (mirrored for shorts); commissions are realised costs.
// Average cost only changes when a position grows; a fill through zero opens the rest at the fill price.
namespace Fillmore.Core.Accounts;

using Fillmore.Core.Orders;

public static class FillAccounting
{
    public readonly record struct Effect(decimal CashDelta, Position Position, decimal RealisedDelta);

    public static Effect Apply(Position position, Side side, long quantity, decimal price, decimal commission)
    {
        var signed = side == Side.Buy ? quantity : -quantity;
        var cash = -signed * price - commission;
        var held = position.Quantity;
        var closing = held != 0 && Math.Sign(held) != Math.Sign(signed) ? Math.Min(Math.Abs(held), quantity) : 0;
        var realised = closing * (price - position.AverageCost) * Math.Sign(held) - commission;
        var after = held + signed;
        var average = after == 0 ? 0m
            : closing == 0 ? Math.Round((Math.Abs(held) * position.AverageCost + quantity * price) / Math.Abs(after), 6)
            : Math.Sign(after) == Math.Sign(held) ? position.AverageCost
            : price;
        return new Effect(cash, position with { Quantity = after, AverageCost = average }, realised);
    }
}
