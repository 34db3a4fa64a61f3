// The v2 pre-trade pipeline. Rules run in this fixed order (docs/errors.md lists it):
//   1 account  2 instrument  3 quote  4 price band (and a market order's bracket)  5 trading state  6 buying power
//   7 position limits  8 daily loss  9 order notional  10 open orders  11 slippage limit
// Prerequisite rules (1-3) stop the pipeline when they refuse, since later rules need their
// data; the others are all run so the trader sees every reason at once. Everything is in memory:
// the pipeline reads the trader's ledger and the quote, and does no I/O. The legacy path runs
// only the halts (EvaluateSafety).
namespace Fillmore.Core.Risk;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class PreTradePipeline(IMarketData market, TradingControls controls, RiskOptions options,
    TradingCalendar calendar, TimeProvider time)
{
    public static IReadOnlyList<IPreTradeRule> Rules { get; } =
    [
        new AccountRule(), new InstrumentRule(), new QuoteAvailableRule(), new PriceBandRule(), new BracketRule(),
        new TradingStateRule(), new BuyingPowerRule(), new PositionLimitRule(), new DailyLossLimitRule(),
        new OrderNotionalRule(), new OpenOrdersRule(), new SlippageLimitRule(),
    ];

    /// <summary>The rules no execution path switches off: the halts (TradingStateRule). The legacy path runs only
    /// these.</summary>
    public static IReadOnlyList<IPreTradeRule> SafetyRules { get; } = [new TradingStateRule()];

    public PreTradeContext ContextFor(TraderId trader, OrderSpec order, Ledger ledger, string venue = "") =>
        new(trader, order, ledger, market, market.TryGetQuote(order.Symbol, out var q) ? q : null, controls, options,
            calendar.DayOf(time.GetUtcNow())) { Venue = venue };

    /// <summary>What the legacy path checks: only the halts, so switching to it never switches safety off.</summary>
    public IReadOnlyList<RuleViolation> EvaluateSafety(PreTradeContext context) =>
        SafetyRules.Select(r => r.Check(context)).OfType<RuleViolation>().ToList();

    public IReadOnlyList<RuleViolation> Evaluate(PreTradeContext context)
    {
        List<RuleViolation>? violations = null;
        foreach (var rule in Rules)
        {
            if (rule.Check(context) is not { } violation) continue;
            (violations ??= []).Add(violation);
            if (rule.IsPrerequisite) break;
        }
        return violations ?? (IReadOnlyList<RuleViolation>)[];
    }
}
