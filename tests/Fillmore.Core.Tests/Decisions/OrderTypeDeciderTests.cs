// The deciders of orders that do more than one thing, one row per case: what a submission creates
// (EntryDecider), what a quote does to a held order (TriggerDecider), what a family's state requires
// (FamilyDecider), what a deadline does (ExpiryDecider) and what an amend does (AmendDecider).
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using S = Fillmore.Core.Orders.OrderStatus;

public class OrderTypeDeciderTests
{
    private static readonly DateTimeOffset T0 = Book.T0;   // Tuesday 2026-11-24 09:30 in New York
    private static readonly VenueCapabilities NoStops = VenueCapabilities.All with { OrderTypes = new HashSet<OrderType> { OrderType.Market, OrderType.Limit } };
    private static readonly VenueCapabilities LimitOnlyDay = new(new HashSet<OrderType> { OrderType.Limit }, new HashSet<TimeInForce> { TimeInForce.Day });

    private static Order Submitted(OrderSpec spec) =>
        Order.CreatePending(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), Book.Alice, null, spec, "SIM", ExecutionPath.V2, T0);

    private static OrderSpec Spec(OrderType type, Side side = Side.Buy, decimal? limit = null, decimal? stop = null, TimeInForce tif = TimeInForce.Gtc,
        decimal? stopLoss = null, decimal? takeProfit = null, OrderClass cls = OrderClass.Simple) =>
        new(Symbol.Of("AAPL"), side, 100, type, limit, stop, tif, stopLoss, takeProfit) { Class = cls, TrailPrice = type == OrderType.TrailingStop ? 2m : null };

    private static int _ids;
    private static OrderId NewId() => new(new Guid(Interlocked.Increment(ref _ids), 1, 1, new byte[8]));

    public static IEnumerable<object?[]> Entries() =>
    [
        // spec, venue -> parent status, parent venue type, exits (role:status:type), refusal code
        [Spec(OrderType.Limit, limit: 190m), VenueCapabilities.All, S.PendingSubmit, OrderType.Limit, "", null],
        [Spec(OrderType.Stop, stop: 195m), VenueCapabilities.All, S.PendingSubmit, OrderType.Stop, "", null],
        [Spec(OrderType.Stop, stop: 195m), NoStops, S.Held, OrderType.Stop, "", null],
        [Spec(OrderType.TrailingStop, Side.Sell), VenueCapabilities.All, S.Held, OrderType.TrailingStop, "", null],
        [Spec(OrderType.Limit, limit: 190m, stopLoss: 180m, takeProfit: 200m, cls: OrderClass.Bracket), VenueCapabilities.All, S.PendingSubmit,
            OrderType.Limit, "TAKE_PROFIT:HELD:LIMIT,STOP_LOSS:HELD:STOP", null],
        [Spec(OrderType.Limit, limit: 190m, stopLoss: 180m, cls: OrderClass.Oto), VenueCapabilities.All, S.PendingSubmit, OrderType.Limit,
            "STOP_LOSS:HELD:STOP", null],
        [Spec(OrderType.Limit, Side.Sell, limit: 200m, stopLoss: 180m, takeProfit: 200m, cls: OrderClass.Oco), VenueCapabilities.All, S.PendingSubmit,
            OrderType.Limit, "STOP_LOSS:PENDING_SUBMIT:STOP", null],
        [Spec(OrderType.Limit, Side.Sell, limit: 200m, stopLoss: 180m, takeProfit: 200m, cls: OrderClass.Oco), NoStops, S.PendingSubmit,
            OrderType.Limit, "STOP_LOSS:HELD:STOP", null],
        [Spec(OrderType.Market, tif: TimeInForce.Day), LimitOnlyDay, null, null, "", "ORDER_TYPE_NOT_SUPPORTED"],
        [Spec(OrderType.Stop, stop: 195m, tif: TimeInForce.Day), LimitOnlyDay, null, null, "", "ORDER_TYPE_NOT_SUPPORTED"],
        [Spec(OrderType.Limit, limit: 190m), LimitOnlyDay, null, null, "", "TIME_IN_FORCE_NOT_SUPPORTED"],   // GTC on a DAY-only venue   // released as MARKET: the venue has none
        [Spec(OrderType.Limit, limit: 190m, tif: TimeInForce.Fok), LimitOnlyDay, null, null, "", "TIME_IN_FORCE_NOT_SUPPORTED"],
        [Spec(OrderType.Limit, limit: 190m, tif: TimeInForce.Ioc), LimitOnlyDay, S.PendingSubmit, OrderType.Limit, "", null],   // emulated IOC
        [Spec(OrderType.TrailingStop, Side.Sell, tif: TimeInForce.Day), LimitOnlyDay, null, null, "", "ORDER_TYPE_NOT_SUPPORTED"],   // released as MARKET
        [Spec(OrderType.Limit, limit: 190m, tif: TimeInForce.Day, stopLoss: 180m, takeProfit: 200m, cls: OrderClass.Bracket), LimitOnlyDay,
            null, null, "", "ORDER_TYPE_NOT_SUPPORTED"],                                                                 // its stop-loss goes as MARKET
        [Spec(OrderType.Limit, limit: 190m, tif: TimeInForce.Day, takeProfit: 200m, cls: OrderClass.Oto), LimitOnlyDay, S.PendingSubmit,
            OrderType.Limit, "TAKE_PROFIT:HELD:LIMIT", null],
    ];

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_submission_creates_its_family_as_the_venue_can_take_it(OrderSpec spec, VenueCapabilities venue, S? status, OrderType? type,
        string exits, string? refusal)
    {
        var plan = EntryDecider.Plan(Submitted(spec), NewId, venue, TradingCalendar.NewYork, 0.01m, T0);
        Assert.Equal(refusal, plan.Refusal?.Code);
        Assert.Equal(status, plan.Parent?.Status);
        Assert.Equal(type, plan.Parent?.Terms.Type);
        Assert.Equal(exits, string.Join(",", plan.Exits.Select(e => $"{ApiNames.Of(e.Role)}:{ApiNames.Of(e.Status)}:{ApiNames.Of(e.Terms.Type)}")));
        Assert.All(plan.Exits, e => Assert.Equal(plan.Parent!.Id, e.ParentOrderId));
    }

    [Theory]
    [InlineData(TimeInForce.Day, "2026-11-24T21:00:00Z", TimeInForce.Day)]
    [InlineData(TimeInForce.Gtd, "2026-12-31T21:00:00Z", TimeInForce.Gtc)]
    [InlineData(TimeInForce.Gtc, null, TimeInForce.Gtc)]
    public void Fillmore_enforces_day_and_gtd_deadlines_and_sends_gtd_as_gtc(TimeInForce tif, string? expires, TimeInForce sent)
    {
        var spec = Spec(OrderType.Limit, limit: 190m, tif: tif) with { ExpireAt = tif == TimeInForce.Gtd ? DateTimeOffset.Parse("2026-12-31T21:00:00Z") : null };
        var plan = EntryDecider.Plan(Submitted(spec), NewId, VenueCapabilities.All, TradingCalendar.NewYork, 0.01m, T0);
        Assert.Equal(expires is null ? null : DateTimeOffset.Parse(expires), plan.Parent!.ExpiresAt);
        Assert.Equal(sent, plan.Parent.Terms.TimeInForce);
    }

    [Theory]
    [InlineData("2026-11-24T20:59:59Z", "2026-11-24T21:00:00Z")]   // before Tuesday's close: that close
    [InlineData("2026-11-24T21:00:00Z", "2026-11-25T21:00:00Z")]   // at the close: Wednesday's
    [InlineData("2026-11-27T22:00:00Z", "2026-11-30T21:00:00Z")]   // Friday evening: Monday's
    [InlineData("2026-11-28T12:00:00Z", "2026-11-30T21:00:00Z")]   // Saturday: Monday's
    public void A_day_order_ends_at_the_next_session_close(string now, string close) =>
        Assert.Equal(DateTimeOffset.Parse(close), TradingCalendar.NewYork.NextSessionClose(DateTimeOffset.Parse(now)));

    [Fact]
    public void A_holiday_has_no_session()
    {
        var calendar = new TradingCalendar(TradingCalendar.NewYork.Zone, null, [new DateOnly(2026, 11, 26)]);   // Thanksgiving
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T21:00:00Z"), calendar.NextSessionClose(DateTimeOffset.Parse("2026-11-25T21:30:00Z")));
    }

    private static Order Held(OrderType type, Side side, decimal? trigger, LegRole role = LegRole.Entry, long quantity = 10, decimal? trail = null) =>
        Submitted(Spec(type, side) with { TrailPrice = trail }).AsHeld(new OrderTerms(type, quantity, role == LegRole.TakeProfit ? trigger : null,
            type is OrderType.Stop or OrderType.StopLimit ? trigger : null, TimeInForce.Gtc) { TrailPrice = trail }, trigger, null) with { Role = role };

    private static Quote At(decimal bid, decimal ask) => new(Symbol.Of("AAPL"), bid, ask, (bid + ask) / 2, T0);

    public static IEnumerable<object?[]> Touches() =>
    [
        // order, bid, ask -> touched, released as, trigger after
        [Held(OrderType.Stop, Side.Sell, 185m), 185.01m, 185.03m, false, null, 185m],
        [Held(OrderType.Stop, Side.Sell, 185m), 185.00m, 185.02m, true, OrderType.Market, 185m],     // the bid reached the stop
        [Held(OrderType.Stop, Side.Buy, 195m), 194.98m, 194.99m, false, null, 195m],
        [Held(OrderType.Stop, Side.Buy, 195m), 194.99m, 195.01m, true, OrderType.Market, 195m],      // the ask reached it
        [Held(OrderType.Limit, Side.Sell, 200m, LegRole.TakeProfit), 199.99m, 200.01m, false, null, 200m],
        [Held(OrderType.Limit, Side.Sell, 200m, LegRole.TakeProfit), 200.00m, 200.02m, true, OrderType.Limit, 200m],
        [Held(OrderType.Stop, Side.Sell, 185m, LegRole.StopLoss, quantity: 0), 150m, 150.02m, false, null, 185m],   // nothing to protect yet
        [Held(OrderType.TrailingStop, Side.Sell, null, trail: 2m), 190.00m, 190.02m, false, null, 188.00m],         // armed at the first quote
        [Held(OrderType.TrailingStop, Side.Buy, null, trail: 2m), 189.98m, 190.00m, false, null, 192.00m],
    ];

    [Theory]
    [MemberData(nameof(Touches))]
    public void A_quote_touches_a_held_order_from_the_side_it_would_trade_against(Order order, decimal bid, decimal ask, bool touched,
        OrderType? releasedAs, decimal? trigger)
    {
        var touch = TriggerDecider.Evaluate(order, At(bid, ask), 0.01m, T0);
        Assert.Equal(touched, touch.Touched);
        Assert.Equal(releasedAs, touch.Release?.Type);
        Assert.Equal(trigger, (touch.Order ?? order).TriggerPrice);
    }

    [Fact]
    public void A_trailing_stop_follows_the_best_price_and_never_moves_back()
    {
        var order = Held(OrderType.TrailingStop, Side.Sell, null, trail: 2m);
        foreach (var (bid, expected, fires) in new[] { (190m, 188m, false), (195.5m, 193.5m, false), (194m, 193.5m, false), (193.5m, 193.5m, true) })
        {
            var touch = TriggerDecider.Evaluate(order, At(bid, bid + 0.02m), 0.01m, T0);
            order = touch.Order ?? order;
            Assert.Equal((expected, fires), (order.TriggerPrice!.Value, touch.Touched));
        }
        Assert.Equal(195.5m, order.Watermark);
    }

    [Fact]
    public void A_percent_trail_is_rounded_to_the_tick_away_from_the_market()
    {
        var order = Submitted(Spec(OrderType.TrailingStop, Side.Sell) with { TrailPrice = null, TrailPercent = 1.5m })
            .AsHeld(new OrderTerms(OrderType.TrailingStop, 10, null, null, TimeInForce.Gtc) { TrailPercent = 1.5m }, null, null);
        var touch = TriggerDecider.Evaluate(order, At(190.37m, 190.39m), 0.01m, T0);
        Assert.Equal(187.51m, touch.Order!.TriggerPrice);   // 190.37 x 0.985 = 187.51445, down to the tick
    }

    private static Family Bracket(S entry, long filled, S exitStatus = S.Held, DateTimeOffset? triggered = null)
    {
        var parent = Submitted(Spec(OrderType.Limit, limit: 190m, stopLoss: 180m, takeProfit: 200m, cls: OrderClass.Bracket))
            .Restored(new OrderProgress(entry, filled, filled > 0 ? 190m : null, 3));
        Order Exit(LegRole role, OrderType type, decimal price, DateTimeOffset? at) =>
            Order.CreatePending(NewId(), Book.Alice, null, Spec(type, Side.Sell), "SIM", ExecutionPath.V2, T0)
                .Restored(new OrderProgress(exitStatus, 0, null, 2)
                {
                    Terms = new OrderTerms(type, filled, role == LegRole.TakeProfit ? price : null, role == LegRole.StopLoss ? price : null, TimeInForce.Gtc),
                    TriggerPrice = price, TriggeredAt = at,
                }) with { ParentOrderId = parent.Id, Role = role };
        return new Family(parent, [Exit(LegRole.TakeProfit, OrderType.Limit, 200m, null), Exit(LegRole.StopLoss, OrderType.Stop, 180m, triggered)]);
    }

    private static string Statuses(Settlement s, Family before) =>
        string.Join(",", before.Members.Select(m => s.Change?.All.FirstOrDefault(c => c.Order.Id == m.Id)?.Order ?? m)
            .Select(m => $"{ApiNames.Of(m.Status)}/{m.Terms.Quantity}"));

    [Theory]
    [InlineData(S.Partial, 40, null, "PARTIAL/100,HELD/40,HELD/40")]                       // exits protect what was bought
    [InlineData(S.Pending, 0, null, "PENDING/100,HELD/0,HELD/0")]                          // nothing yet: nothing to change
    [InlineData(S.Cancelled, 0, null, "CANCELLED/100,CANCELLED/0,CANCELLED/0")]            // ended with nothing: nothing to protect
    [InlineData(S.Filled, 100, null, "FILLED/100,HELD/100,HELD/100")]                      // armed, waiting for a trigger
    [InlineData(S.Partial, 40, "triggered", "PENDING_CANCEL/100,CANCELLED/40,HELD/40")]   // the stop triggered: the rest of the entry and the sibling go
    [InlineData(S.Cancelled, 60, "triggered", "CANCELLED/100,CANCELLED/60,PENDING_SUBMIT/60")]   // the entry ended: released for exactly what was filled
    public void A_brackets_state_decides_what_its_members_must_do(S entry, long filled, string? triggered, string expected)
    {
        var family = Bracket(entry, filled, triggered: triggered is null ? null : T0);
        var settled = FamilyDecider.Settle(family, (_, _) => null, T0);
        Assert.Equal(expected, Statuses(settled, family));
        if (triggered is not null && entry.IsTerminal()) Assert.Equal([family.Children[1].Id], settled.Dispatch);
        Assert.Null(FamilyDecider.Settle(settled.Change is null ? family : Apply(family, settled), (_, _) => null, T0).Change);   // settled twice: nothing more
    }

    // Closed out by its trader while in doubt: it may yet turn out filled, so its exits stay armed; once the venue
    // proves it never got it, they go.
    [Fact]
    public void An_entry_acknowledged_in_doubt_keeps_its_exits_until_the_venue_says()
    {
        var family = Bracket(S.Failed, 0);
        var doubted = family.Parent.Restored(family.Parent.Progress with
        {
            FailureAcknowledgedAt = T0, InDoubtSince = T0, Attempts = 4,
        });
        Assert.Null(FamilyDecider.Settle(family.With(doubted), (_, _) => null, T0).Change);
        var settled = FamilyDecider.Settle(family, (_, _) => null, T0);
        Assert.Equal("FAILED/100,CANCELLED/0,CANCELLED/0", Statuses(settled, family));
    }

    private static Family Apply(Family family, Settlement settled) =>
        settled.Change!.All.Aggregate(family, (f, c) => f.With(c.Order));

    [Fact]
    public void A_release_the_risk_rules_refuse_now_is_denied_and_never_sent()
    {
        var family = Bracket(S.Filled, 100, triggered: T0);
        var refusal = new Risk.RuleViolation(null, "ACCOUNT_HALTED", "Your account is halted.", "Ask an administrator.");
        var settled = FamilyDecider.Settle(family, (_, _) => new ReleaseVerdict(refusal), T0);
        Assert.Equal("FILLED/100,CANCELLED/100,DENIED/100", Statuses(settled, family));
        Assert.Empty(settled.Dispatch);
        Assert.Equal("ACCOUNT_HALTED", settled.Change!.All.Single(c => c.Order.Status == S.Denied).Audit.Single().ErrorCode);
    }

    [Fact]
    public void An_oco_leg_that_executes_cancels_the_other_and_a_second_execution_is_an_anomaly()
    {
        var tp = Submitted(Spec(OrderType.Limit, Side.Sell, limit: 200m, cls: OrderClass.Oco)).Restored(new OrderProgress(S.Partial, 5, 200m, 3))
            with { Role = LegRole.TakeProfit };
        var sl = Order.CreatePending(NewId(), Book.Alice, null, Spec(OrderType.Stop, Side.Sell, stop: 180m, cls: OrderClass.Oco), "SIM", ExecutionPath.V2, T0)
            .Restored(new OrderProgress(S.Pending, 0, null, 2)) with { ParentOrderId = tp.Id, Role = LegRole.StopLoss };
        var settled = FamilyDecider.Settle(new Family(tp, [sl]), (_, _) => null, T0);
        Assert.Equal([sl.Id], settled.CancelAtVenue);
        var book = new Book(sl.Restored(sl.Progress with { Status = S.Pending }));
        var context = book.Context with { SiblingsFilled = 5 };
        var late = ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Fill, "x-2", 10, 10) with { OrderId = sl.Id }, context, T0);
        Assert.Equal("OVER_EXECUTION", Assert.IsType<Decision.Anomaly>(late).Code);
        Assert.Contains(late.Change!.Events, e => e.Type == "order.over_executed");
        Assert.Single(late.Change.Fills);                                                    // the venue's execution still counts
    }

    [Theory]
    [InlineData(S.Held, "EXPIRED", null)]
    [InlineData(S.Pending, "PENDING_CANCEL", "EXPIRED")]
    [InlineData(S.PendingSubmit, "PENDING_CANCEL", "EXPIRED")]
    [InlineData(S.Filled, "FILLED", null)]
    public void A_deadline_expires_a_held_order_at_once_and_cancels_one_at_the_venue_as_expired(S status, string after, string? intent)
    {
        var order = Submitted(Spec(OrderType.Limit, limit: 190m, tif: TimeInForce.Day)).Restored(new OrderProgress(status, 0, null, 2)) with { ExpiresAt = T0 };
        var decided = ExpiryDecider.Expire(order, T0.AddSeconds(1));
        var now = decided.Change?.Order ?? order;
        Assert.Equal((after, intent), (ApiNames.Of(now.Status), now.CancelIntent));
        Assert.Same(Decision.Nothing, ExpiryDecider.Expire(order, T0.AddSeconds(-1)));                      // not yet
        if (intent is null) return;
        var cancelled = ReportDecider.Decide(now, Book.Report(ExecutionKind.Cancelled) with { OrderId = order.Id }, new Book(now).Context, T0);
        Assert.Equal(S.Expired, cancelled.Change!.Order.Status);                                                // the venue's cancel ends it as EXPIRED
    }

    [Theory]
    [InlineData(S.Held, 20L, "Amended", false)]
    [InlineData(S.Pending, 20L, "Pending", true)]
    [InlineData(S.Partial, 5L, "Invalid", false)]          // not more than the 10 filled
    [InlineData(S.PendingCancel, 20L, "NotAmendable", false)]
    [InlineData(S.Filled, 20L, "NotAmendable", false)]
    public void An_amend_takes_at_once_when_held_and_goes_to_the_venue_otherwise(S status, long quantity, string result, bool replace)
    {
        var order = Submitted(Spec(OrderType.Limit, limit: 190m)).Restored(new OrderProgress(status, status == S.Partial ? 10 : 0, null, 2));
        var request = AmendDecider.Request(order, order.Terms with { Quantity = quantity }, null, venueReplaces: true, T0);
        Assert.Equal((result, replace), (request.Result.GetType().Name, request.SendReplace));
        if (status == S.Held) Assert.Equal(quantity, request.Decision.Change!.Order.Terms.Quantity);
        if (status == S.Pending) Assert.Equal((100L, quantity), (request.Decision.Change!.Order.Terms.Quantity, request.Decision.Change.Order.PendingAmend!.Quantity));
    }

    [Fact]
    public void An_exit_whose_entry_has_not_filled_takes_a_new_price_at_once()
    {
        var stopLoss = Bracket(S.Pending, 0).Members.Single(m => m.Role == LegRole.StopLoss);
        var request = AmendDecider.Request(stopLoss, stopLoss.Terms with { StopPrice = 178m }, null, venueReplaces: false, T0);
        var amended = Assert.IsType<AmendResult.Amended>(request.Result).Order;
        Assert.Equal((0L, 178m, 178m), (amended.Terms.Quantity, amended.Terms.StopPrice, amended.TriggerPrice));
    }

    [Fact]
    public void A_replace_confirmed_by_the_venue_puts_the_new_terms_in_force_once()
    {
        var order = Submitted(Spec(OrderType.Limit, limit: 190m)).Restored(new OrderProgress(S.Pending, 0, null, 2));
        var pending = AmendDecider.Request(order, order.Terms with { Quantity = 150, LimitPrice = 191m }, null, true, T0).Decision.Change!.Order;
        var replaced = ReportDecider.Decide(pending, Book.Report(ExecutionKind.Replaced) with { OrderId = order.Id }, new Book(pending).Context, T0);
        var now = replaced.Change!.Order;
        Assert.Equal((150L, 191m, 1, (OrderTerms?)null), (now.Terms.Quantity, now.Terms.LimitPrice, now.VenueRevision, now.PendingAmend));
        Assert.Same(Decision.Nothing, ReportDecider.Decide(now, Book.Report(ExecutionKind.Replaced) with { OrderId = order.Id }, new Book(now).Context, T0));
    }
}
