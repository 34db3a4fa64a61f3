// Shape checks of the execution controls an order may carry (US4): max_slippage_bps (more than 0,
// at most 10,000, two decimals at most; only for what trades at the market: MARKET, STOP,
// TRAILING_STOP, never an OCO) and max_wait_seconds (a whole number of seconds from 1 to 30 days;
// not on an OCO, whose legs protect a position). What the account allows is a risk rule
// (SlippageLimitRule).
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;

public static class ControlRules
{
    public const decimal MaxSlippageBps = 10_000m;
    public const int MaxWaitSeconds = 30 * 24 * 3600;

    /// <returns>The wait as whole seconds, when it is valid.</returns>
    public static int? Check(OrderDraft d, OrderType? type, OrderClass? cls, List<RuleViolation> errors)
    {
        CheckSlippage(d.MaxSlippageBps, type, cls, errors);
        return CheckWait(d.MaxWaitSeconds, cls, errors);
    }

    private static void CheckSlippage(decimal? bps, OrderType? type, OrderClass? cls, List<RuleViolation> errors)
    {
        if (bps is not { } value) return;
        if (value <= 0 || value > MaxSlippageBps || decimal.Round(value, 2) != value)
            errors.Add(new("max_slippage_bps", ReasonCodes.MaxSlippageInvalid,
                $"max_slippage_bps must be more than 0 and at most {MaxSlippageBps:0} basis points, with at most two "
                    + $"decimals; it is {value}.",
                "Send the worst price you accept as basis points from the arrival price, e.g. 25 for 0.25 %."));
        else if (cls == OrderClass.Oco
            || type is { } t && t is not (OrderType.Market or OrderType.Stop or OrderType.TrailingStop))
            errors.Add(new("max_slippage_bps", ReasonCodes.MaxSlippageNotApplicable,
                cls == OrderClass.Oco ? "An OCO's legs protect a position; a slippage limit could leave it unprotected."
                    : $"A {ApiNames.Of(type!.Value)} order's limit price already bounds what it pays.",
                "Remove max_slippage_bps; it applies to MARKET, STOP and TRAILING_STOP orders."));
    }

    private static int? CheckWait(decimal? seconds, OrderClass? cls, List<RuleViolation> errors)
    {
        if (seconds is not { } value) return null;
        if (value < 1 || value > MaxWaitSeconds || decimal.Truncate(value) != value)
            errors.Add(new("max_wait_seconds", ReasonCodes.MaxWaitInvalid,
                $"max_wait_seconds must be a whole number of seconds from 1 to {MaxWaitSeconds} (30 days); "
                    + $"it is {value}.",
                "Send how long the order may wait to fill, e.g. 30; for longer, use GTD with expire_at."));
        else if (cls == OrderClass.Oco)
            errors.Add(new("max_wait_seconds", ReasonCodes.MaxWaitNotApplicable,
                "An OCO's legs protect a position; a wait that cancels them could leave it unprotected.",
                "Remove max_wait_seconds; to end an OCO at a time, use GTD with expire_at."));
        else return (int)value;
        return null;
    }
}
