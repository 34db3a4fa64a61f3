// Rule 4b: a market order's stop-loss and take-profit sit on the right side of where it will
// trade (the ask for a buy, the bid for a sell). Limit and stop orders are checked against their
// own price by the shape rules already.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;

public sealed class BracketRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c)
    {
        if (c.Order.Type != OrderType.Market || c.Quote is not { } q) return null;
        var entry = c.IsBuy ? q.Ask : q.Bid;
        var side = ApiNames.Of(c.Order.Side);
        if (c.Order.StopLoss is { } sl && (c.IsBuy ? sl >= entry : sl <= entry))
            return new("stop_loss", ReasonCodes.StopLossWrongSide,
                $"For a {side} at about {Money.Usd(entry)} the stop-loss must be {(c.IsBuy ? "below" : "above")} it; "
                    + $"it is {Money.Usd(sl)}.",
                $"Set stop_loss {(c.IsBuy ? "below" : "above")} {Money.Usd(entry)}.",
                new Dictionary<string, object?> { ["entry"] = entry, ["stop_loss"] = sl });
        if (c.Order.TakeProfit is { } tp && (c.IsBuy ? tp <= entry : tp >= entry))
            return new("take_profit", ReasonCodes.TakeProfitWrongSide,
                $"For a {side} at about {Money.Usd(entry)} the take-profit must be {(c.IsBuy ? "above" : "below")} it; "
                    + $"it is {Money.Usd(tp)}.",
                $"Set take_profit {(c.IsBuy ? "above" : "below")} {Money.Usd(entry)}.",
                new Dictionary<string, object?> { ["entry"] = entry, ["take_profit"] = tp });
        return null;
    }
}
