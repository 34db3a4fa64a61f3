// Rule 11: an order may not accept more slippage than its account allows (an administrator's
// max_slippage_bps on the account). An order that gives none gets the account's default, never
// more than that limit (OrderControls).
namespace Fillmore.Core.Risk;

public sealed class SlippageLimitRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c) =>
        c.Order.MaxSlippageBps is { } asked && c.Ledger.Account.MaxSlippageBps is { } limit && asked > limit
            ? new("max_slippage_bps", ReasonCodes.MaxSlippageAboveLimit,
                $"max_slippage_bps {asked} is more than your account allows ({limit}).",
                $"Send at most {limit}, or leave it out to get your account's default.")
            : null;
}
