// The risk rules as a held order meets them again at release (and as an amended order meets them
// with its new terms): the v2 pipeline against the trader's ledger as it is now, without the order
// itself (its own reservation is not competing with it). The legacy path runs only the halts.
// At release, an order SMART routed is routed again first (its whole released quantity to the one
// best venue now; a release is never split), and the rules are checked for the venue it goes to.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;
using Fillmore.Core.Routing;

public sealed class ReleaseRisk(PreTradePipeline? pipeline, LedgerBook ledgers, TimeProvider time,
    IVenueBoard? board = null)
{
    /// <summary>In the trader's gate: a check of one order with given terms against the trader's ledger now.</summary>
    public async ValueTask<Func<Order, OrderTerms, RuleViolation?>> ForAsync(TraderId trader, CancellationToken ct)
    {
        if (pipeline is null) return static (_, _) => null;
        var ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        return (order, terms) => Evaluate(trader, ledger, order, terms, order.Venue);
    }

    /// <summary>In the trader's gate: what a held order meets at its release (see ReleaseVerdict).</summary>
    public async ValueTask<ReleaseCheck> ForReleaseAsync(TraderId trader, CancellationToken ct)
    {
        var ledger = pipeline is null ? null : await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
        return (order, terms) =>
        {
            var (routing, sent) = RouteAgain(order, terms);
            var verdict = new ReleaseVerdict(null, routing) { Terms = sent };
            var refusal = ledger is null ? null
                : Evaluate(trader, ledger, order, sent ?? terms, verdict.VenueFor(order));
            return refusal is null && routing is null ? null : verdict with { Refusal = refusal };
        };
    }

    private RuleViolation? Evaluate(TraderId trader, Ledger ledger, Order order, OrderTerms terms, string venue)
    {
        var context = pipeline!.ContextFor(trader, SpecOf(order, terms), ledger.Without(order.Id), venue);
        return (order.Path == ExecutionPath.V2 ? pipeline.Evaluate(context) : pipeline.EvaluateSafety(context))
            .FirstOrDefault();
    }

    // Only an order that was never sent can move: once a venue may have it, it stays there. Moved, it is sent
    // with the time in force its new venue takes for the one intended (as a new order there would be): the
    // trader's, or the IOC of a release collared by a slippage limit.
    private (RoutingDecision? Routing, OrderTerms? Terms) RouteAgain(Order order, OrderTerms terms)
    {
        if (board is null || !order.SmartRouted || order.WasSent) return (null, null);
        var intended = terms.TimeInForce == TimeInForce.Ioc ? TimeInForce.Ioc : order.Spec.TimeInForce;
        var candidates = board.Candidates(order.Spec.Symbol, order.TraderId);
        var routing = SmartRouter.RouteWhole(SpecOf(order, terms) with { TimeInForce = intended }, candidates,
            board.Rules, time.GetUtcNow());
        if (routing.Venue is not { } venue || venue == order.Venue) return (routing, null);
        // The router only chooses a venue that takes the intended time in force (SmartRouter.Supports).
        var tif = EntryDecider.VenueTimeInForce(intended, candidates.Single(c => c.Name == venue).Capabilities);
        return (routing, terms with { TimeInForce = tif ?? terms.TimeInForce });
    }

    /// <summary>The order as if submitted with these terms (the rules read a spec).</summary>
    public static OrderSpec SpecOf(Order order, OrderTerms terms) => order.Spec with
    {
        Quantity = terms.Quantity, Type = terms.Type, LimitPrice = terms.LimitPrice, StopPrice = terms.StopPrice,
        TrailPrice = terms.TrailPrice, TrailPercent = terms.TrailPercent, StopLoss = null, TakeProfit = null,
    };
}
