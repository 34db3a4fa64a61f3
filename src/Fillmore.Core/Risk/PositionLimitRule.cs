// Rule 7: the position after this order (counting open orders on the same side) stays within the
// per-symbol share and notional limits; selling more than is held (less what open sells already
// hold) is refused unless the account may sell short.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;

public sealed class PositionLimitRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c)
    {
        var symbol = c.Order.Symbol;
        var held = c.Ledger.PositionIn(symbol).Quantity;
        var openSameSide = c.Ledger.OpenQuantity(symbol, c.Order.Side);
        if (!c.IsBuy && !c.Limits.ShortSellingEnabled && c.Order.Quantity > held - openSameSide)
            return InsufficientPosition(c, held, openSameSide);
        var projected = Math.Abs(held + (c.IsBuy ? openSameSide + c.Order.Quantity
            : -(openSameSide + c.Order.Quantity)));
        if (projected > c.Limits.MaxPositionShares && projected > Math.Abs(held))
            return new("quantity", ReasonCodes.PositionLimitExceeded,
                $"This order would take your {symbol} position to {Money.Shares(projected)}; "
                    + $"your limit is {Money.Shares(c.Limits.MaxPositionShares)}.",
                "Reduce the quantity to "
                    + $"{Money.Shares(Math.Max(0, c.Order.Quantity - (projected - c.Limits.MaxPositionShares)))}.",
                new Dictionary<string, object?> { ["limit"] = c.Limits.MaxPositionShares, ["current"] = held,
                    ["projected"] = projected });
        var notional = projected * c.ReferencePrice;
        if (notional > c.Limits.MaxPositionNotional && projected > Math.Abs(held))
            return new("quantity", ReasonCodes.PositionNotionalLimitExceeded,
                $"This order would take your {symbol} position to {Money.Usd(notional)}; "
                    + $"your limit per symbol is {Money.Usd(c.Limits.MaxPositionNotional)}.",
                "Reduce the quantity.",
                new Dictionary<string, object?> { ["limit"] = c.Limits.MaxPositionNotional, ["projected"] = notional });
        return null;
    }

    private static RuleViolation InsufficientPosition(PreTradeContext c, long held, long openSells)
    {
        var sellable = Math.Max(0, held - openSells);
        var holding = $"You hold {Money.Shares(held)} of {c.Order.Symbol}"
            + (openSells > 0 ? $" ({Money.Shares(openSells)} already in open sell orders)" : "");
        return new("quantity", ReasonCodes.InsufficientPosition,
            $"{holding}; you cannot sell {Money.Shares(c.Order.Quantity)}.",
            sellable > 0
                ? $"Reduce the quantity to {Money.Shares(sellable)}; short selling is not enabled for your account."
                : "You have nothing left to sell; short selling is not enabled for your account.",
            new Dictionary<string, object?> { ["held"] = held, ["open_sells"] = openSells, ["available"] = sellable });
    }
}
