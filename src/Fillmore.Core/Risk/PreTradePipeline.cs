// The v2 pre-trade pipeline: every rule in its fixed order (docs/errors.md lists it); all
// refusals are collected so the trader sees every reason at once, the first one names the code.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class PreTradePipeline(IReadOnlyList<IPreTradeRule> rules, IMarketData market) : IPreTradeCheck
{
    public ValueTask<IReadOnlyList<RuleViolation>> CheckAsync(TraderId trader, OrderSpec spec, CancellationToken ct)
    {
        var context = new PreTradeContext(trader, spec, market);
        IReadOnlyList<RuleViolation> violations = rules.Select(r => r.Check(context)).OfType<RuleViolation>().ToList();
        return ValueTask.FromResult(violations);
    }
}
