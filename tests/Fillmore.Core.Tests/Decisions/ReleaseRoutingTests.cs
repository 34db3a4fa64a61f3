// A held order SMART routed meets the router again at its release (pure): it goes to the venue the
// verdict chose, with that venue's time in force, the decision on record before the release; refused by
// the rules, it is DENIED where it was, the decision still on record; an order that named its venue, or
// one a venue may already have, is never moved; and what is released is never split.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Routing;
using Fillmore.Core.Streaming;

public sealed class ReleaseRoutingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly Symbol Aapl = Symbol.Of("AAPL");

    private static Order HeldStop(bool smart = true)
    {
        var spec = new OrderSpec(Aapl, Side.Buy, 10, OrderType.Stop, null, 195m, TimeInForce.Day, null, null);
        var order = Order.CreatePending(new OrderId(Guid.Parse("0b6c8f3e-4c1a-4f0e-9d5b-2a7e51c0d9f1")),
            new TraderId("alice"), null, spec, "ARCA", ExecutionPath.V2, T0) with { SmartRouted = smart };
        // ARCA had no DAY: the held order's terms were made GTC for it (Fillmore ends it at the close).
        return order.AsHeld(OrderTerms.Of(spec) with { TimeInForce = TimeInForce.Gtc }, 195m, null);
    }

    private static VenueCandidate Venue(string name, decimal ask, VenueCapabilities? caps = null) =>
        new(name, caps ?? VenueCapabilities.All, FeeSchedule.None, new Quote(Aapl, ask - 0.02m, ask, ask - 0.01m, T0,
            5, 5));

    private static RoutingDecision AtRelease(params VenueCandidate[] venues) =>
        SmartRouter.RouteWhole(new OrderSpec(Aapl, Side.Buy, 10, OrderType.Market, null, null, TimeInForce.Day,
            null, null), venues, new RoutingRules(), T0);

    [Fact]
    public void Moved_at_release_it_goes_to_the_new_venue_with_its_time_in_force_and_the_decision_first()
    {
        var held = HeldStop();
        var triggered = held.Rearmed(195m, null, T0, T0);
        var routing = AtRelease(Venue("ARCA", 196.10m) with { HaltReason = "maintenance" }, Venue("SIM", 196.01m));
        var terms = TriggerDecider.ReleaseTerms(triggered);
        var verdict = new ReleaseVerdict(null, routing) { Terms = terms with { TimeInForce = TimeInForce.Day } };

        var change = TriggerDecider.Release(triggered, terms, verdict, T0, 196.01m).Change!;

        Assert.Equal(("SIM", OrderStatus.PendingSubmit, TimeInForce.Day, OrderType.Market),
            (change.Order.Venue, change.Order.Status, change.Order.Terms.TimeInForce, change.Order.Terms.Type));
        Assert.Equal([AuditAction.Routed, AuditAction.Released], change.Audit.Select(a => a.Action));
        Assert.Equal(["SIM", "SIM"], change.Audit.Select(a => a.Venue));
        Assert.Contains("\"venue\":\"SIM\"", change.Audit[0].Reason);
        Assert.Contains("ARCA halted (maintenance)", change.Audit[0].Reason);
        Assert.StartsWith("Released to SIM as MARKET 10", change.Audit[1].Reason);
        Assert.Equal([OrderEventType.Routed, OrderEventType.Triggered], change.Events.Select(e => e.Type));
    }

    [Fact]
    public void Refused_at_release_it_is_denied_where_it_was_with_the_decision_on_record()
    {
        var triggered = HeldStop().Rearmed(195m, null, T0, T0);
        var refusal = new RuleViolation("quantity", ReasonCodes.InsufficientFunds, "Not enough cash.", "Less.");
        var verdict = new ReleaseVerdict(refusal, AtRelease(Venue("SIM", 196.01m)));

        var change = TriggerDecider.Release(triggered, TriggerDecider.ReleaseTerms(triggered), verdict, T0).Change!;

        Assert.Equal(("ARCA", OrderStatus.Denied), (change.Order.Venue, change.Order.Status));
        Assert.Equal([AuditAction.Routed, AuditAction.Denied], change.Audit.Select(a => a.Action));
    }

    [Fact]
    public void Without_a_routing_verdict_it_is_released_where_it_is_as_it_is()
    {
        var triggered = HeldStop(smart: false).Rearmed(195m, null, T0, T0);
        var change = TriggerDecider.Release(triggered, TriggerDecider.ReleaseTerms(triggered), null, T0).Change!;
        Assert.Equal(("ARCA", TimeInForce.Gtc), (change.Order.Venue, change.Order.Terms.TimeInForce));
        Assert.Equal([AuditAction.Released], change.Audit.Select(a => a.Action));
    }

    [Fact]
    public void What_is_released_goes_whole_to_the_best_venue_even_when_none_shows_its_size()
    {
        var spec = new OrderSpec(Aapl, Side.Buy, 10, OrderType.Market, null, null, TimeInForce.Day, null, null);
        VenueCandidate[] venues = [Venue("A", 196.00m), Venue("B", 196.01m)];   // each shows 5 of the 10
        Assert.Equal(2, SmartRouter.Route(spec, venues, new RoutingRules(), T0).Allocations.Count);   // a new order
        var whole = SmartRouter.RouteWhole(spec, venues, new RoutingRules(), T0);
        Assert.Equal(("A", 0), (whole.Venue, whole.Allocations.Count));
    }
}
