// The execution controls a new order starts with (US4): the slippage limit in force (the order's
// own; for a market order without one, its account's default, never above the account's limit),
// the time its wait runs out (its own max_wait_seconds, else ORDER_TIMEOUT_SECONDS for an order the
// trader submitted — never for an OCO, whose legs protect a position), and the arrival price
// slippage is measured from (the side of the quote it trades against).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class OrderControls
{
    public static Order Applied(Order order, Account account, Quote? quote, int? defaultWaitSeconds,
        DateTimeOffset now)
    {
        var spec = order.Spec;
        var wait = spec.MaxWaitSeconds ?? (spec.Class == OrderClass.Oco ? null : defaultWaitSeconds);
        return (order with
        {
            SlippageLimitBps = SlippageLimit(spec, account),
            TimeoutAt = wait is { } seconds ? now.AddSeconds(seconds) : null,
        }).ArrivingAt(quote is not { } q ? null : spec.Side == Side.Buy ? q.Ask : q.Bid);
    }

    public static decimal? SlippageLimit(OrderSpec spec, Account account)
    {
        if (spec.MaxSlippageBps is { } asked) return asked;
        if (spec.Type != OrderType.Market || spec.Class == OrderClass.Oco) return null;
        return (account.DefaultMaxSlippageBps, account.MaxSlippageBps) switch
        {
            ({ } byDefault, { } limit) => Math.Min(byDefault, limit),
            (var byDefault, var limit) => byDefault ?? limit,
        };
    }
}
