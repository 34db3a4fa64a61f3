// Decides what a submission creates, before anything is written: the order the trader sent and,
// for a bracket, OTO or OCO, its exits, each as it starts (sent to the venue, or held by Fillmore),
// with the terms the venue will be asked for and the deadline Fillmore enforces. What the venue
// can hold itself goes to it; a STOP it cannot hold, every TRAILING_STOP and every exit waiting
// for its entry are held. What neither the venue nor Fillmore can carry out is refused here (a
// time in force the venue does not honour and Fillmore cannot emulate), never accepted and ignored.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public static class EntryDecider
{
    /// <summary>The family a submission creates (parent first), or the reason the venue cannot take it.</summary>
    /// <param name="tick">The instrument's tick (a slippage collar is rounded to it).</param>
    public static EntryPlan Plan(Order order, Func<OrderId> newId, VenueCapabilities venue, TradingCalendar calendar,
        decimal tick, DateTimeOffset now)
    {
        var spec = order.Spec;
        var expires = spec.TimeInForce switch
        {
            TimeInForce.Day => calendar.NextSessionClose(now),
            TimeInForce.Gtd => spec.ExpireAt,
            _ => (DateTimeOffset?)null,
        };
        if (VenueTimeInForce(spec.TimeInForce, venue) is not { } tif)
            return EntryPlan.Refused(TimeInForceRefusal(spec.TimeInForce));
        var parent = order with { ExpiresAt = expires };
        if (SlippageRefusal(parent, venue) is { } refusal) return EntryPlan.Refused(refusal);
        parent = spec.Class == OrderClass.Oco ? OcoParent(parent, tif)
            : parent.SlippageLimitBps is { } bps ? Collared(parent, OrderTerms.Of(spec) with { TimeInForce = tif },
                venue, bps, tick)
            : Started(parent, OrderTerms.Of(spec) with { TimeInForce = tif }, venue);
        if (parent is null)
            return EntryPlan.Refused(TypeRefusal(spec.Class == OrderClass.Oco ? OrderType.Limit : spec.Type));
        var exits = Exits(parent, tif, newId, venue).ToList();
        return exits.Any(e => e is null) ? EntryPlan.Refused(TypeRefusal(OrderType.Stop))
            : new EntryPlan(parent, exits!, null);
    }

    // GTD goes to the venue as GTC (Fillmore ends it at expire_at); DAY as DAY (Fillmore ends it at
    // the close too, whichever comes first); an IOC the venue lacks is sent as DAY and cancelled
    // right after its answer; a FOK or GTC the venue lacks cannot be emulated safely.
    internal static TimeInForce? VenueTimeInForce(TimeInForce tif, VenueCapabilities venue) => tif switch
    {
        TimeInForce.Gtd => venue.Honours(TimeInForce.Gtc) ? TimeInForce.Gtc : null,
        TimeInForce.Day => venue.Honours(TimeInForce.Day) ? TimeInForce.Day : venue.Honours(TimeInForce.Gtc)
            ? TimeInForce.Gtc : null,
        TimeInForce.Ioc => venue.Honours(TimeInForce.Ioc) ? TimeInForce.Ioc : venue.Honours(TimeInForce.Day)
            ? TimeInForce.Day : null,
        _ => venue.Honours(tif) ? tif : null,
    };

    /// <summary>The order as it starts: at the venue when the venue holds its type, held by Fillmore when it can
    /// emulate it.</summary>
    private static Order? Started(Order order, OrderTerms terms, VenueCapabilities venue)
    {
        // A trailing stop is always held here, and released as MARKET: the venue must take those.
        if (terms.Type == OrderType.TrailingStop)
            return venue.Holds(OrderType.Market) ? order.AsHeld(terms, null, null) : null;
        if (venue.Holds(terms.Type)) return order.StartingWith(terms);
        // Released as MARKET (a stop) or LIMIT (a stop-limit) when the trigger is touched.
        var releasable = venue.Holds(terms.Type == OrderType.Stop ? OrderType.Market : OrderType.Limit);
        return terms.Type is OrderType.Stop or OrderType.StopLimit && releasable
            ? order.AsHeld(terms, terms.StopPrice, null) : null;
    }

    // A slippage limit needs a LIMIT order to bound the price, and a price to measure from.
    private static RuleViolation? SlippageRefusal(Order order, VenueCapabilities venue) =>
        order.SlippageLimitBps is null ? null
        : !venue.Holds(OrderType.Limit) ? new("max_slippage_bps", ReasonCodes.MaxSlippageNotApplicable,
            "The venue takes no LIMIT orders, so Fillmore cannot bound the price a market order gets.",
            "Leave out max_slippage_bps, or send a LIMIT order at the worst price you accept.")
        : order.Spec.Type == OrderType.Market && order.ArrivalPrice is null ? new(null, ReasonCodes.NoQuoteAvailable,
            $"There is no current price for {order.Spec.Symbol} to measure slippage from.",
            "Try again when the instrument is quoted, or send a LIMIT order.")
        : null;

    // Under a slippage limit a market order goes out as a LIMIT at its collar (IOC where the venue has it; otherwise
    // Fillmore cancels what is left right after the venue's answer); a stop or trailing stop is held here, even where
    // the venue holds stops, and goes out collared around the price that triggers it.
    private static Order Collared(Order order, OrderTerms terms, VenueCapabilities venue, decimal bps, decimal tick)
    {
        var tif = venue.Honours(TimeInForce.Ioc) ? TimeInForce.Ioc : terms.TimeInForce;
        return terms.Type switch
        {
            OrderType.Market => order.StartingWith(Slippage.Collared(terms, order.Spec.Side, order.ArrivalPrice!.Value,
                bps, tick, tif)),
            OrderType.TrailingStop => order.AsHeld(terms with { TimeInForce = tif }, null, null),
            _ => order.AsHeld(terms with { TimeInForce = tif }, terms.StopPrice, null),
        };
    }

    // An OCO's first order is its take-profit leg: a LIMIT at take_profit, at the venue.
    private static Order? OcoParent(Order order, TimeInForce tif)
    {
        var terms = new OrderTerms(OrderType.Limit, order.Spec.Quantity, order.Spec.TakeProfit, null, tif);
        return order.StartingWith(terms) with { Role = LegRole.TakeProfit };
    }

    private static IEnumerable<Order?> Exits(Order parent, TimeInForce tif, Func<OrderId> newId,
        VenueCapabilities venue)
    {
        var spec = parent.Spec;
        var exitSide = spec.Class == OrderClass.Oco ? spec.Side : Opposite(spec.Side);
        var quantity = spec.Class == OrderClass.Oco ? spec.Quantity : 0;   // a bracket's exits follow the entry's fills
        if (spec.TakeProfit is { } tp && spec.Class is OrderClass.Bracket or OrderClass.Oto)
        {
            var takeProfit = Exit(parent, newId(), LegRole.TakeProfit, exitSide,
                new OrderTerms(OrderType.Limit, quantity, tp, null, tif));
            yield return venue.Holds(OrderType.Limit) ? takeProfit.AsHeld(takeProfit.Terms, tp, null) : null;
        }
        if (spec.StopLoss is not { } sl) yield break;
        var stopTerms = new OrderTerms(spec.StopLossLimitPrice is null ? OrderType.Stop : OrderType.StopLimit, quantity,
            spec.StopLossLimitPrice, sl, tif);
        var stop = Exit(parent, newId(), LegRole.StopLoss, exitSide, stopTerms);
        // An OCO's stop-loss leg works from the start: at the venue if it holds stops, else held here.
        // A bracket's is held until its entry fills, then released as MARKET (a stop-limit: LIMIT).
        var releasable = venue.Holds(stopTerms.Type == OrderType.Stop ? OrderType.Market : OrderType.Limit);
        yield return spec.Class == OrderClass.Oco ? Started(stop, stopTerms, venue)
            : releasable ? stop.AsHeld(stopTerms, sl, null) : null;
    }

    private static Order Exit(Order parent, OrderId id, LegRole role, Side side, OrderTerms terms)
    {
        var spec = new OrderSpec(parent.Spec.Symbol, side, parent.Spec.Quantity, terms.Type, terms.LimitPrice,
            terms.StopPrice, parent.Spec.TimeInForce, null, null) { Class = parent.Spec.Class,
                ExpireAt = parent.Spec.ExpireAt };
        return Order.CreatePending(id, parent.TraderId, null, spec, parent.Venue, parent.Path, parent.CreatedAt)
            .StartingWith(terms) with
        {
            ParentOrderId = parent.Id, Role = role, ExpiresAt = parent.ExpiresAt, SmartRouted = parent.SmartRouted,
        };
    }

    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    private static RuleViolation TimeInForceRefusal(TimeInForce tif) => new("time_in_force",
        ReasonCodes.TimeInForceNotSupported,
        $"The venue does not honour {ApiNames.Of(tif)} orders, and Fillmore cannot carry one out safely on its behalf.",
        "Use DAY, GTC or GTD, or send the order to a venue that supports it.");

    private static RuleViolation TypeRefusal(OrderType type) => new("order_type", ReasonCodes.OrderTypeNotSupported,
        $"The venue does not take {ApiNames.Of(type)} orders, and Fillmore cannot hold one for it.",
        "Use an order type the venue takes (GET /api/v1/admin/venues lists them), or another venue.");
}
