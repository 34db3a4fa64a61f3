// Rule 9: one order may not be worth more than MaxOrderNotional.
namespace Fillmore.Core.Risk;

public sealed class OrderNotionalRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c)
    {
        var notional = c.Order.Quantity * c.ReferencePrice;
        var limit = c.Limits.MaxOrderNotional;
        if (notional <= limit) return null;
        var fits = c.ReferencePrice > 0 ? (long)decimal.Floor(limit / c.ReferencePrice) : 0;
        return new("quantity", ReasonCodes.OrderNotionalLimitExceeded,
            $"This order is worth {Money.Usd(notional)}; one order may be worth at most {Money.Usd(limit)}.",
            $"Reduce the quantity to {Money.Shares(fits)} or split the order.",
            new Dictionary<string, object?> { ["limit"] = limit, ["required"] = notional, ["max_quantity"] = fits });
    }
}
