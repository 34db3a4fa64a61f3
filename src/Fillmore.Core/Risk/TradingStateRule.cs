// Rule 5: trading is not halted, globally (the kill switch) or for this trader. Cancels are not
// orders and are never stopped by a halt.
namespace Fillmore.Core.Risk;

public sealed class TradingStateRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c) =>
        c.Controls.HaltReason is { } reason
            ? new(null, ReasonCodes.TradingHalted, $"Trading is halted for all traders: {reason}",
                "New orders are refused until an administrator resumes trading; you can still cancel open orders.")
            : c.Ledger.Account.TradingHalted
                ? new(null, ReasonCodes.AccountHalted, $"Trading is halted for the account {c.Trader}.",
                    "Ask an administrator to resume trading for your account; you can still cancel open orders.")
                : null;
}
