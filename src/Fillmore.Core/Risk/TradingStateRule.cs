// Rule 5: trading is not halted, globally (the kill switch), for this trader, or at the venue the
// order goes to. Cancels are not orders and are never stopped by a halt. Both execution paths run
// this rule (PreTradePipeline.SafetyRules).
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
                : c.Controls.VenueHaltReason(c.Venue) is { } venue
                    ? new(null, ReasonCodes.VenueHalted, $"The venue {c.Venue} is halted: {venue}",
                        "New orders for this venue are refused until an administrator resumes it "
                            + "(GET /api/v1/admin/venues shows why); you can still cancel open orders.")
                    : null;
}
