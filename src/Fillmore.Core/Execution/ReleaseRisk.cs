// The risk rules as a held order meets them again at release (and as an amended order meets them
// with its new terms): the v2 pipeline against the trader's ledger as it is now, without the order
// itself (its own reservation is not competing with it). The legacy path runs only the halts.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public sealed class ReleaseRisk(PreTradePipeline? pipeline, LedgerBook ledgers)
{
    /// <summary>In the trader's gate: a check of one order with given terms against the trader's ledger now.</summary>
    public async ValueTask<Func<Order, OrderTerms, RuleViolation?>> ForAsync(TraderId trader, CancellationToken ct)
    {
        if (pipeline is null) return static (_, _) => null;
        var ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        return (order, terms) =>
        {
            var context = pipeline.ContextFor(trader, SpecOf(order, terms), ledger.Without(order.Id), order.Venue);
            return (order.Path == ExecutionPath.V2 ? pipeline.Evaluate(context) : pipeline.EvaluateSafety(context))
                .FirstOrDefault();
        };
    }

    /// <summary>The order as if submitted with these terms (the rules read a spec).</summary>
    public static OrderSpec SpecOf(Order order, OrderTerms terms) => order.Spec with
    {
        Quantity = terms.Quantity, Type = terms.Type, LimitPrice = terms.LimitPrice, StopPrice = terms.StopPrice,
        TrailPrice = terms.TrailPrice, TrailPercent = terms.TrailPercent, StopLoss = null, TakeProfit = null,
    };
}
