// Rule 10: a trader may have at most MaxOpenOrders orders working at once.
namespace Fillmore.Core.Risk;

public sealed class OpenOrdersRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c)
    {
        var open = c.Ledger.OpenOrders.Count;
        return open < c.Limits.MaxOpenOrders ? null : new(null, ReasonCodes.MaxOpenOrdersReached,
            $"You have {open} open orders, the most your account allows ({c.Limits.MaxOpenOrders}).",
            "Cancel an open order, or wait for one to fill, then send this one again.",
            new Dictionary<string, object?> { ["limit"] = c.Limits.MaxOpenOrders, ["current"] = open });
    }
}
