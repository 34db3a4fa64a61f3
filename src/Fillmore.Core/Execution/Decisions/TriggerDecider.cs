// Decides whether a quote touches a held order's trigger, and what it is released as. Trigger
// source (documented in docs/order-types.md): the side of the quote the released order would
// trade against: the bid for a sell, the ask for a buy. A stop triggers when the price reaches its
// stop (a sell: bid <= stop; a buy: ask >= stop); a take-profit exit when the price reaches its
// limit (a sell: bid >= limit; a buy: ask <= limit); a trailing stop's stop follows the best price
// seen (a sell: the highest bid, minus the trail; a buy: the lowest ask, plus the trail), rounded
// to the tick away from the market, and never moves back. Released: a stop, trailing stop or
// stop-loss as MARKET (a stop-limit as LIMIT at its limit), a take-profit as LIMIT at its limit.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public static class TriggerDecider
{
    public static Touch Evaluate(Order order, Quote quote, decimal tick, DateTimeOffset now)
    {
        if (order.Status != OrderStatus.Held || order.TriggeredAt is not null || order.Terms.Quantity <= 0)
            return Touch.None;
        var sell = order.Spec.Side == Side.Sell;
        var price = sell ? quote.Bid : quote.Ask;
        var (trigger, watermark) = order.Terms.Type == OrderType.TrailingStop ? Trail(order, price, tick)
            : (order.TriggerPrice, order.Watermark);
        if (trigger is not { } level) return Touch.None;
        var touched = order.Role == LegRole.TakeProfit
            ? sell ? price >= level : price <= level
            : sell ? price <= level : price >= level;
        var moved = trigger != order.TriggerPrice || watermark != order.Watermark;
        if (!touched) return moved ? new Touch(order.Rearmed(trigger, watermark, null, now), null, price) : Touch.None;
        // Under a slippage limit it goes out as a LIMIT at the collar around the price that triggered it.
        var release = order.SlippageLimitBps is { } bps
            ? Slippage.Collared(order.Terms, order.Spec.Side, price, bps, tick, order.Terms.TimeInForce)
            : ReleaseTerms(order);
        return new Touch(order.Rearmed(trigger, watermark, now, now), release, price);
    }

    private static (decimal? Trigger, decimal? Watermark) Trail(Order order, decimal price, decimal tick)
    {
        var sell = order.Spec.Side == Side.Sell;
        var best = order.Watermark is not { } seen ? price : sell ? Math.Max(seen, price) : Math.Min(seen, price);
        var distance = order.Terms.TrailPrice ?? best * order.Terms.TrailPercent!.Value / 100m;
        var raw = sell ? best - distance : best + distance;
        var ticks = raw / tick;
        var level = (sell ? Math.Floor(ticks) : Math.Ceiling(ticks)) * tick;
        // The stop never moves back: a new best price can only tighten it.
        var trigger = order.TriggerPrice is not { } before ? level : sell ? Math.Max(before, level)
            : Math.Min(before, level);
        return (trigger, best);
    }

    /// <summary>What a held order goes to the venue as once triggered.</summary>
    public static OrderTerms ReleaseTerms(Order order) => order.Terms.Type switch
    {
        OrderType.Limit => order.Terms with { StopPrice = null },
        OrderType.StopLimit => order.Terms with { Type = OrderType.Limit, StopPrice = null },
        _ => order.Terms with { Type = OrderType.Market, LimitPrice = null, StopPrice = null, TrailPrice = null,
            TrailPercent = null },
    };

    /// <summary>The audit entry and event of a touch (the order as the touch left it: held, triggered).</summary>
    public static OrderChange Triggered(Order before, Touch touch, DateTimeOffset now)
    {
        var after = touch.Order!;
        var reason = $"Trigger {after.TriggerPrice} touched at {touch.Price}"
            + (after.Watermark is { } best ? $" (best price {best})." : ".");
        return OrderChange.Of(before, after)
            .Audited(AuditRecord.Of(after, AuditAction.Triggered, Actor.System, now, reason: reason,
                price: touch.Price))
            .Emitting(OrderEvent.Of(after, OrderEventType.Triggered, now) with { Reason = reason });
    }

    /// <summary>
    /// Releases a triggered held order, or refuses it when the risk rules refuse it now (DENIED,
    /// never sent). <paramref name="verdict"/>: the rules' first violation, if any, and for an order SMART
    /// routed, where the router sends it now (recorded as a ROUTED entry, whatever it decided).
    /// </summary>
    /// <param name="arrival">The price at the touch (slippage is measured from it); null: the order keeps its
    /// own.</param>
    public static Decision Release(Order order, OrderTerms terms, ReleaseVerdict? verdict, DateTimeOffset now,
        decimal? arrival = null)
    {
        if (verdict?.Refusal is { } refusal)
            return Routed(Transit.Apply(order, OrderTrigger.Refused,
                new Step(AuditAction.Denied, OrderEventType.Denied, now)
                {
                    Reason = $"Triggered, but not sent: {refusal.Message}", ErrorCode = refusal.Code,
                }), order, verdict.Routing, now);
        var venue = verdict?.VenueFor(order) ?? order.Venue;
        terms = verdict?.Terms ?? terms;
        var reason = $"Released to {venue} as {ApiNames.Of(terms.Type)} {terms.Quantity}"
            + (terms.LimitPrice is { } limit ? $" at {limit}." : ".");
        if (order.Release(terms, now, arrival) is not TransitionResult.Applied { Moved: var moved })
            return Decision.Nothing;
        var released = moved with { Venue = venue };
        var change = Routed(OrderChange.Of(order, released), released, verdict?.Routing, now);
        return new Decision.Commit(change
            .Audited(AuditRecord.Of(released, AuditAction.Released, Actor.System, now, reason: reason,
                quantity: terms.Quantity, price: terms.LimitPrice))
            .Emitting(OrderEvent.Of(released, OrderEventType.Triggered, now) with { Reason = reason }));
    }

    // The router's decision at release, on record (and on the stream) before what it led to.
    private static OrderChange Routed(OrderChange change, Order order, Routing.RoutingDecision? routing,
        DateTimeOffset now) =>
        routing is null ? change : change with
        {
            Audit = [AuditRecord.Of(order, AuditAction.Routed, Actor.System, now,
                reason: Routing.RoutingJson.Write(routing)), .. change.Audit],
            Events = [OrderEvent.Of(order, OrderEventType.Routed, now) with
            {
                Reason = $"SMART routed it at its release to {order.Venue}. {routing.Reason}",
            }, .. change.Events],
        };

    private static Decision Routed(Decision refused, Order order, Routing.RoutingDecision? routing,
        DateTimeOffset now) =>
        refused is Decision.Commit { Changed: var change } ? new Decision.Commit(Routed(change, order, routing, now))
            : refused;
}
