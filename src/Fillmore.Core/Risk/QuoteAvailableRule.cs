// Rule 3 (prerequisite): there is a current quote. Without one, no price can be judged and no
// cash reserved, so the order is refused (fail closed).
namespace Fillmore.Core.Risk;

public sealed class QuoteAvailableRule : IPreTradeRule
{
    public bool IsPrerequisite => true;

    public RuleViolation? Check(PreTradeContext c) => c.Quote is null
        ? new("symbol", ReasonCodes.NoQuoteAvailable,
            $"There is no current price for {c.Order.Symbol}, so the order cannot be checked.",
            "Try again in a moment; if it persists the market data feed is down.")
        : null;
}
