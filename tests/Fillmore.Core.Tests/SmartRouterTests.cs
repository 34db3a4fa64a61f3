// The SMART rule on its own (pure): venues, quotes and fees as each case sets them.
namespace Fillmore.Core.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Routing;

public sealed class SmartRouterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly Symbol Aapl = Symbol.Of("AAPL");
    private static readonly RoutingRules Rules = new();

    private static OrderSpec Spec(Side side = Side.Buy, long quantity = 100, OrderType type = OrderType.Market,
        decimal? limit = null, TimeInForce tif = TimeInForce.Day) =>
        new(Aapl, side, quantity, type, limit, null, tif, null, null);

    private static VenueCandidate Venue(string name, decimal bid, decimal ask, FeeSchedule? fees = null,
        long size = 0, TimeSpan? age = null, VenueCapabilities? caps = null) =>
        new(name, caps ?? VenueCapabilities.All, fees ?? FeeSchedule.None,
            new Quote(Aapl, bid, ask, (bid + ask) / 2, Now - (age ?? TimeSpan.Zero), size, size));

    private static string? Route(OrderSpec spec, params VenueCandidate[] venues) =>
        SmartRouter.Route(spec, venues, Rules, Now).Venue;

    [Fact]
    public void Fees_can_reverse_the_order_of_the_quotes()
    {
        var a = Venue("A", 99.99m, 100.00m, new FeeSchedule { TakerPerShare = 0.03m });
        var b = Venue("B", 99.98m, 100.01m, new FeeSchedule { TakerBps = 0.5m });
        Assert.Equal("B", Route(Spec(), a, b));                      // 100.00 + 0.03 > 100.01 + 0.005
        Assert.Equal("A", Route(Spec(), a with { Fees = FeeSchedule.None }, b));
        var decision = SmartRouter.Route(Spec(), [a, b], Rules, Now);
        Assert.Contains("A quoted the better price (100) but not after fees", decision.Reason);
    }

    [Fact]
    public void A_per_order_fee_weighs_less_on_a_bigger_order()
    {
        var a = Venue("A", 99.99m, 100.00m, new FeeSchedule { PerOrder = 5m });
        var b = Venue("B", 99.99m, 100.01m);
        Assert.Equal("B", Route(Spec(quantity: 100), a, b));         // 0.05 a share against 0.01
        Assert.Equal("A", Route(Spec(quantity: 1_000), a, b));       // 0.005 a share
    }

    [Fact]
    public void Sells_look_at_bids_minus_fees()
    {
        var a = Venue("A", 100.02m, 100.03m, new FeeSchedule { TakerPerShare = 0.03m });
        var b = Venue("B", 100.00m, 100.01m);
        Assert.Equal("B", Route(Spec(Side.Sell), a, b));
    }

    [Fact]
    public void A_resting_limit_goes_where_the_rebate_is_and_a_crossing_one_where_the_price_is()
    {
        var a = Venue("A", 99.99m, 100.00m, new FeeSchedule { MakerRebatePerShare = 0.002m });
        var b = Venue("B", 99.98m, 100.02m, new FeeSchedule { MakerRebatePerShare = 0.004m, TakerPerShare = 0.01m });
        var resting = SmartRouter.Route(Spec(type: OrderType.Limit, limit: 99.50m), [a, b], Rules, Now);
        Assert.Equal("B", resting.Venue);
        Assert.Equal(("MAKER", 99.496m), (resting.Considered[1].Liquidity, resting.Considered[1].EffectivePrice));
        Assert.Equal("A", Route(Spec(type: OrderType.Limit, limit: 100.05m), a, b));
    }

    [Fact]
    public void Halted_disconnected_unreachable_not_allowed_and_unable_venues_are_left_out()
    {
        var best = Venue("A", 99.99m, 100.00m);
        var next = Venue("B", 99.98m, 100.05m);
        Assert.Equal("B", Route(Spec(), best with { HaltReason = "maintenance" }, next));
        Assert.Equal("B", Route(Spec(), best with { Connected = false }, next));
        Assert.Equal("B", Route(Spec(), best with { Reachable = false }, next));
        Assert.Equal("B", Route(Spec(), best with { NotAllowed = true }, next));
        var noFok = VenueCapabilities.All with { TimesInForce = new HashSet<TimeInForce> { TimeInForce.Day } };
        Assert.Equal("B", Route(Spec(tif: TimeInForce.Fok), best with { Capabilities = noFok }, next));
    }

    [Fact]
    public void A_venue_that_keeps_refusing_is_used_only_when_nothing_else_can_be()
    {
        var refusing = Venue("A", 99.99m, 100.00m) with { RecentRejects = Rules.RejectLimit };
        Assert.Equal("B", Route(Spec(), refusing, Venue("B", 99.90m, 100.50m)));
        Assert.Equal("A", Route(Spec(), refusing, Venue("B", 99.90m, 100.50m) with { HaltReason = "x" }));
    }

    [Fact]
    public void A_venue_showing_the_whole_size_comes_before_a_better_price_showing_less()
    {
        var thin = Venue("A", 99.99m, 100.00m, size: 50);
        var deep = Venue("B", 99.98m, 100.01m, size: 500);
        Assert.Equal("B", Route(Spec(quantity: 100), thin, deep));
        Assert.Equal("A", Route(Spec(quantity: 50), thin, deep));
    }

    [Fact]
    public void A_stale_quote_prices_nothing()
    {
        var stale = Venue("A", 99.00m, 99.01m, age: Rules.StaleQuoteAfter + TimeSpan.FromSeconds(1));
        var decision = SmartRouter.Route(Spec(), [stale, Venue("B", 99.98m, 100.00m)], Rules, Now);
        Assert.Equal("B", decision.Venue);
        Assert.Equal(("stale quote", null), (decision.Considered[0].Health, decision.Considered[0].EffectivePrice));
    }

    [Fact]
    public void Equal_venues_always_give_the_same_answer()
    {
        var a = Venue("A", 99.99m, 100.00m);
        var b = Venue("B", 99.99m, 100.00m);
        Assert.Equal("A", Route(Spec(), b, a));
        Assert.Equal("A", Route(Spec(), a, b));
    }

    [Fact]
    public void Nowhere_to_go_is_a_refusal_that_says_why_for_each_venue()
    {
        var decision = SmartRouter.Route(Spec(), [Venue("A", 1m, 2m) with { HaltReason = "drill" },
            Venue("B", 1m, 2m) with { Connected = false }], Rules, Now);
        Assert.Null(decision.Venue);
        Assert.Equal(ReasonCodes.NoVenueAvailable, decision.Refusal!.Code);
        Assert.Contains("A: halted (drill); B: not connected", decision.Refusal.Message);
        Assert.StartsWith("Wait for A or B to be back", decision.Refusal.Suggestion);
    }

    [Fact]
    public void Fee_schedules_outside_sense_are_named()
    {
        Assert.Null(new FeeSchedule { TakerBps = 3, PerOrder = 1 }.Problem());
        Assert.NotNull(new FeeSchedule { TakerPerShare = -0.01m }.Problem());
    }

    [Fact]
    public void What_no_venue_shows_is_split_best_price_first_and_the_rest_goes_to_the_best()
    {
        var a = Venue("A", 99.99m, 100.00m, size: 40);
        var b = Venue("B", 99.99m, 100.01m, size: 50);
        var c = Venue("C", 99.99m, 100.02m, size: 30);
        var decision = SmartRouter.Route(Spec(quantity: 100), [c, b, a], Rules, Now);
        Assert.Equal(SmartRouter.Smart, decision.Venue);
        Assert.Equal([new RouteAllocation("A", 40), new RouteAllocation("B", 50), new RouteAllocation("C", 10)],
            decision.Allocations);
        var more = SmartRouter.Route(Spec(quantity: 150), [a, b, c], Rules, Now);
        Assert.Equal([new RouteAllocation("A", 70), new RouteAllocation("B", 50), new RouteAllocation("C", 30)],
            more.Allocations);
        Assert.StartsWith("Split: no venue shows 150; 70 to A, 50 to B, 30 to C.", more.Reason);
    }

    [Fact]
    public void Nothing_is_split_that_one_venue_shows_or_that_must_not_be_split()
    {
        var a = Venue("A", 99.99m, 100.00m, size: 40);
        var b = Venue("B", 99.99m, 100.01m, size: 50);
        Assert.Empty(SmartRouter.Route(Spec(quantity: 45), [a, b], Rules, Now).Allocations);       // B shows it
        Assert.Equal("B", Route(Spec(quantity: 45), a, b));
        Assert.Empty(SmartRouter.Route(Spec(quantity: 100, tif: TimeInForce.Fok), [a, b], Rules, Now).Allocations);
        Assert.Empty(SmartRouter.Route(Spec(quantity: 100, type: OrderType.Limit, limit: 99.50m), [a, b], Rules, Now)
            .Allocations);                                                                            // it rests
        Assert.Empty(SmartRouter.Route(Spec(quantity: 100) with { MaxSlippageBps = 10 }, [a, b], Rules, Now).Allocations);
        Assert.Empty(SmartRouter.Route(Spec(quantity: 100), [a, Venue("B", 99.99m, 100.01m)], Rules, Now).Allocations);
    }

    [Fact]
    public void A_venue_is_only_given_a_time_in_force_it_can_be_sent()
    {
        var noGtc = VenueCapabilities.All with { TimesInForce = new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Ioc } };
        var best = Venue("A", 99.99m, 100.00m, caps: noGtc);
        var next = Venue("B", 99.98m, 100.05m);
        Assert.Equal("B", Route(Spec(tif: TimeInForce.Gtc), best, next));
        Assert.Equal("A", Route(Spec(tif: TimeInForce.Day), best, next));
    }

    [Fact]
    public void An_ioc_remainder_goes_to_the_best_venue_not_tried_that_fills_at_once()
    {
        var tried = Venue("A", 99.99m, 100.00m, size: 40);
        var thin = Venue("B", 99.99m, 100.01m, size: 30);
        var above = Venue("C", 100.04m, 100.05m, size: 50);
        var spec = Spec(quantity: 40, type: OrderType.Limit, limit: 100.03m, tif: TimeInForce.Ioc);
        var next = SmartRouter.Reroute(spec, [tried, thin, above], ["A"], Rules, Now);
        Assert.Equal("B", next!.Venue);
        Assert.Equal([new RouteAllocation("B", 40)], next.Allocations);
        Assert.Null(SmartRouter.Reroute(spec, [tried, thin, above], ["A", "B"], Rules, Now));   // C would not fill
    }
}
