// Rule 1 (prerequisite): the trader has an account, and its limits are configured.
namespace Fillmore.Core.Risk;

public sealed class AccountRule : IPreTradeRule
{
    public bool IsPrerequisite => true;

    public RuleViolation? Check(PreTradeContext c) =>
        !c.Ledger.Exists
            ? new(null, ReasonCodes.AccountNotFound, $"There is no trading account for {c.Trader}.",
                "Ask an administrator to open and fund your account.")
            : c.Ledger.Account.Limits is null
                ? new(null, ReasonCodes.LimitsNotConfigured,
                    $"The account {c.Trader} has no risk limits configured, so it cannot trade.",
                    "Ask an administrator to set your limits (PUT /api/v1/admin/accounts/{trader}).")
                : null;
}
