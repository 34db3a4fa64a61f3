// The SMART rule (docs/routing.md). Pure: the candidates carry everything the decision needs.
// 1. Leave out what cannot take the order: halted, disconnected or unreachable venues, venues the
//    trader may not use, and venues that neither hold nor can be sent what this order becomes
//    (FOK needs FOK; a slippage limit needs LIMIT orders).
// 2. Price the order at each venue for its whole size: a MARKET (or a stop, released as one) and a
//    LIMIT that crosses the quote take liquidity at the quote plus the taker fees; a LIMIT that does
//    not cross rests at its price and earns the maker rebate. A quote older than StaleQuoteAfter
//    prices nothing.
// 3. Rank: venues whose displayed size covers the order before those showing less (the rest would
//    wait or walk the book), priced before unpriced, then the best effective price, the lower fee and
//    the name (so equal venues always give the same answer); an IOC or FOK ranks a venue where it would
//    rest (and so not fill) with the unpriced. A venue with RejectLimit refusals in the
//    window comes last: it is used only when nothing else can take the order.
// 4. Split when no venue shows the whole size (a MARKET or crossing LIMIT order, simple, DAY, GTC or
//    IOC, no slippage limit): each priced venue showing part of it, best effective price first, gets
//    what it shows, and what no venue shows goes to the best one (it waits, or walks that book, as its
//    time in force says). The trader's order becomes the parent; its ROUTE children trade. An IOC
//    goes the same way even to one venue, so that what a venue does not fill at once can be re-routed
//    (Reroute): to the best venue that has not had a part of it, taking liquidity, once per venue.
namespace Fillmore.Core.Routing;

using System.Globalization;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public static class SmartRouter
{
    /// <summary>The venue name that asks Fillmore to choose.</summary>
    public const string Smart = Order.SmartVenue;

    public static RoutingDecision Route(OrderSpec spec, IReadOnlyList<VenueCandidate> candidates, RoutingRules rules,
        DateTimeOffset now) => Route(spec, candidates, rules, now, whole: false);

    /// <summary>The one best venue for the whole order, never a split (a held order at its release: what was
    /// accepted as one order goes to one venue).</summary>
    public static RoutingDecision RouteWhole(OrderSpec spec, IReadOnlyList<VenueCandidate> candidates,
        RoutingRules rules, DateTimeOffset now) => Route(spec, candidates, rules, now, whole: true);

    private static RoutingDecision Route(OrderSpec spec, IReadOnlyList<VenueCandidate> candidates, RoutingRules rules,
        DateTimeOffset now, bool whole)
    {
        var assessed = candidates.Select(c => Assess(spec, c, rules, now)).ToList();
        var ranked = assessed.Where(a => a.Option.Eligible).OrderBy(a => a.Tier).ThenBy(a => a.SortPrice)
            .ThenBy(a => a.Option.FeePerShare ?? 0m).ThenBy(a => a.Option.Venue, StringComparer.Ordinal).ToList();
        var considered = assessed.Select(a => a.Option).ToList();
        if (ranked.Count == 0)
            return new RoutingDecision(null, considered, "No venue could take the order.")
            {
                Refusal = Refusal(spec, considered),
            };
        var why = Why(spec.Side == Side.Buy, ranked, assessed);
        var split = whole ? new List<RouteAllocation>() : Allocate(spec, ranked);
        if (split.Count >= 2)
            return new RoutingDecision(Smart, considered, $"Split: no venue shows {spec.Quantity}; "
                + string.Join(", ", split.Select(a => $"{a.Quantity} to {a.Venue}")) + ". " + why)
            {
                Allocations = split,
            };
        if (whole || !ReroutesRemainder(spec, ranked[0]))
            return new RoutingDecision(ranked[0].Option.Venue, considered, why);
        return new RoutingDecision(Smart, considered, $"IOC: {spec.Quantity} to {ranked[0].Option.Venue}; what it "
            + "does not fill goes to the next venue. " + why)
        {
            Allocations = [new RouteAllocation(ranked[0].Option.Venue, spec.Quantity)],
        };
    }

    /// <summary>Where the unfilled <paramref name="spec"/> of an IOC goes next: the best venue not in
    /// <paramref name="tried"/> that would take liquidity at once (null: none, the order ends with what it
    /// has).</summary>
    public static RoutingDecision? Reroute(OrderSpec spec, IReadOnlyList<VenueCandidate> candidates,
        IReadOnlyCollection<string> tried, RoutingRules rules, DateTimeOffset now)
    {
        var untried = candidates.Where(c => !tried.Contains(c.Name)).ToList();
        if (untried.Count == 0) return null;
        var decision = Route(spec with { TimeInForce = TimeInForce.Ioc }, untried, rules, now);
        var first = decision.Allocations.FirstOrDefault();
        return first is null ? null : decision with
        {
            Venue = first.Venue, Allocations = [first with { Quantity = spec.Quantity }],
            Reason = $"Re-routed: {spec.Quantity} left unfilled by {string.Join(", ", tried)} to {first.Venue}. "
                + decision.Reason,
        };
    }

    private static bool ReroutesRemainder(OrderSpec spec, Assessed best) =>
        spec.TimeInForce == TimeInForce.Ioc && Splittable(spec with { Quantity = 2 })
        && best.Option.Liquidity == "TAKER";

    /// <summary>Whether SMART may split this order across venues (see step 4).</summary>
    public static bool Splittable(OrderSpec spec) =>
        spec.Class == OrderClass.Simple && spec.MaxSlippageBps is null && spec.Quantity > 1
        && spec.TimeInForce is TimeInForce.Day or TimeInForce.Gtc or TimeInForce.Ioc
        && spec.Type is OrderType.Market or OrderType.Limit;

    // Only venues that show part of the size at a known price share it; the rest of the order goes to the best.
    private static List<RouteAllocation> Allocate(OrderSpec spec, IReadOnlyList<Assessed> ranked)
    {
        if (!Splittable(spec) || ranked[0].Tier != 1) return [];
        var parts = new List<RouteAllocation>();
        var left = spec.Quantity;
        foreach (var venue in ranked.Where(a => a.Tier == 1 && a.Option.Liquidity == "TAKER"))
        {
            if (left == 0) break;
            var take = Math.Min(left, venue.Option.DisplayedSize ?? left);
            parts.Add(new RouteAllocation(venue.Option.Venue, take));
            left -= take;
        }
        if (left > 0 && parts.Count > 0) parts[0] = parts[0] with { Quantity = parts[0].Quantity + left };
        return parts;
    }

    /// <summary>Whether a venue with these capabilities can be given this order (held types are released as
    /// MARKET or LIMIT).</summary>
    public static bool Supports(OrderSpec spec, Ports.VenueCapabilities venue) =>
        HonoursInEffect(spec.TimeInForce, venue)
        && (spec.MaxSlippageBps is null || venue.Holds(OrderType.Limit))
        && venue.Holds(spec.Type is OrderType.Limit or OrderType.StopLimit ? OrderType.Limit : OrderType.Market);

    // What EntryDecider sends for each time in force: GTD as GTC, DAY as GTC where there is no DAY, IOC as DAY
    // (cancelled after the answer) where there is no IOC; FOK and GTC only as themselves.
    private static bool HonoursInEffect(TimeInForce tif, Ports.VenueCapabilities venue) => tif switch
    {
        TimeInForce.Gtd => venue.Honours(TimeInForce.Gtc),
        TimeInForce.Day => venue.Honours(TimeInForce.Day) || venue.Honours(TimeInForce.Gtc),
        TimeInForce.Ioc => venue.Honours(TimeInForce.Ioc) || venue.Honours(TimeInForce.Day),
        _ => venue.Honours(tif),
    };

    private static Assessed Assess(OrderSpec spec, VenueCandidate venue, RoutingRules rules, DateTimeOffset now)
    {
        var quote = venue.Quote is { } q && now - q.Timestamp <= rules.StaleQuoteAfter ? q : (Ports.Quote?)null;
        var buy = spec.Side == Side.Buy;
        var touch = quote is { } fresh ? buy ? fresh.Ask : fresh.Bid : (decimal?)null;
        var rests = spec.Type == OrderType.Limit && touch is { } t && (buy ? spec.LimitPrice < t : spec.LimitPrice > t);
        var price = rests ? spec.LimitPrice : touch;
        var fee = price is { } p ? rests ? venue.Fees.MakerCostPerShare(spec.Quantity)
            : venue.Fees.TakerCostPerShare(p, spec.Quantity) : (decimal?)null;
        var effective = price + (buy ? fee : -fee);
        var shown = quote is { } shownQuote && !rests ? buy ? shownQuote.AskSize : shownQuote.BidSize : 0;
        var demoted = venue.RecentRejects >= rules.RejectLimit;
        var option = new RouteOption(venue.Name, venue.Quote?.Bid, venue.Quote?.Ask, shown > 0 ? shown : null, price,
            Round(fee), Round(effective), price is null ? "UNKNOWN" : rests ? "MAKER" : "TAKER",
            Health(venue, quote is null, demoted, rules), Exclusion(spec, venue));
        // An IOC or FOK that would rest at a venue does not fill there at all: such a venue ranks with the unpriced.
        var idle = rests && spec.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        var tier = (demoted ? 3 : 0) + (effective is null || idle ? 2 : shown > 0 && shown < spec.Quantity ? 1 : 0);
        return new Assessed(option, tier, effective is { } e ? buy ? e : -e : 0m, price);
    }

    private static string? Exclusion(OrderSpec spec, VenueCandidate venue) =>
        venue.NotAllowed ? "the trader may not use it"
        : venue.HaltReason is { } halt ? $"halted ({halt})"
        : !venue.Connected ? "not connected"
        : !venue.Reachable ? "not reachable"
        : !Supports(spec, venue.Capabilities) ? $"it cannot take {Describe(spec)}"
        : null;

    private static string Health(VenueCandidate venue, bool unpriced, bool demoted, RoutingRules rules)
    {
        var notes = new List<string>();
        if (venue.HaltReason is not null) notes.Add("halted");
        if (!venue.Connected) notes.Add("disconnected");
        else if (!venue.Reachable) notes.Add("unreachable");
        if (demoted) notes.Add($"{venue.RecentRejects} rejects in {rules.RejectWindow.TotalSeconds:0} s");
        if (unpriced) notes.Add(venue.Quote is null ? "no quote" : "stale quote");
        return notes.Count == 0 ? "ok" : string.Join(", ", notes);
    }

    private static string Why(bool buy, IReadOnlyList<Assessed> ranked, IReadOnlyList<Assessed> all)
    {
        var best = ranked[0].Option;
        var text = best.EffectivePrice is { } e
            ? $"{best.Venue}: best effective price {Show(e)} ({best.Liquidity.ToLowerInvariant()} at "
                + $"{Show(best.Price!.Value)}, fees {Show(best.FeePerShare!.Value)} a share)"
            : $"{best.Venue}: no venue has a fresh quote; chosen by health, then fees and name";
        if (ranked.Count > 1 && ranked[1].Option.EffectivePrice is { } second)
            text += $"; next {ranked[1].Option.Venue} at {Show(second)}";
        var quoted = ranked.Where(a => a.Tier == ranked[0].Tier && a.QuotePrice is not null).ToList();
        var cheapest = quoted.Count == 0 ? null : buy ? quoted.MinBy(a => a.QuotePrice)
            : quoted.MaxBy(a => a.QuotePrice);
        if (cheapest is not null && cheapest.Option.Venue != best.Venue && cheapest.QuotePrice != best.Price)
            text += $"; {cheapest.Option.Venue} quoted the better price ({Show(cheapest.QuotePrice!.Value)}) but not "
                + "after fees";
        if (ranked[0].Tier % 3 == 1) text += $"; no venue shows the whole size";
        var left = all.Where(a => !a.Option.Eligible).Select(a => $"{a.Option.Venue} {a.Option.Excluded}").ToList();
        if (left.Count > 0) text += $"; left out: {string.Join(", ", left)}";
        return text + ".";
    }

    private static RuleViolation Refusal(OrderSpec spec, IReadOnlyList<RouteOption> considered)
    {
        var why = string.Join("; ", considered.Select(o => $"{o.Venue}: {o.Excluded}"));
        // Venues left out for the moment (halted, disconnected) may take the order later; the others never will.
        var later = considered.Where(o => o.Excluded is { } e && !e.StartsWith("it cannot", StringComparison.Ordinal)
            && !e.StartsWith("the trader", StringComparison.Ordinal)).Select(o => o.Venue).ToList();
        return new RuleViolation("venue", ReasonCodes.NoVenueAvailable,
            $"SMART found no venue that can take {Describe(spec)} now: {why}.",
            (later.Count > 0 ? $"Wait for {string.Join(" or ", later)} to be back, or name" : "Name")
                + $" a venue that takes it; the venues here and what each takes: GET /api/v1/venues.");
    }

    private static string Describe(OrderSpec spec) =>
        $"{ApiNames.Of(spec.Type)} {ApiNames.Of(spec.TimeInForce)}"
            + (spec.MaxSlippageBps is null ? "" : " with a slippage limit") + " orders";

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 6) : null;

    private static string Show(decimal value) =>
        Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    private sealed record Assessed(RouteOption Option, int Tier, decimal SortPrice, decimal? QuotePrice);
}
