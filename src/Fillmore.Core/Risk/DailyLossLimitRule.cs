// Rule 8: once today's realised plus unrealised loss reaches the daily limit, orders that would
// increase exposure are refused; orders that reduce a position are still allowed.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Accounts;

public sealed class DailyLossLimitRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c)
    {
        var loss = -(c.Ledger.RealisedOn(c.TradingDay) + LedgerValuation.Unrealised(c.Ledger, c.Market));
        if (loss < c.Limits.DailyLossLimit) return null;
        var held = c.Ledger.PositionIn(c.Order.Symbol).Quantity;
        var after = held + (c.IsBuy ? c.Order.Quantity : -c.Order.Quantity);
        if (Math.Abs(after) <= Math.Abs(held) && Math.Sign(after) != -Math.Sign(held)) return null; // reduces exposure
        return new(null, ReasonCodes.DailyLossLimitReached,
            $"Today's loss of {Money.Usd(loss)} has reached your daily limit of {Money.Usd(c.Limits.DailyLossLimit)}.",
            "Only orders that reduce your positions are accepted until the next trading day.",
            new Dictionary<string, object?> { ["limit"] = c.Limits.DailyLossLimit, ["current"] = loss });
    }
}
