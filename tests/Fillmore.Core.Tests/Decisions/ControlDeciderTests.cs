// The execution controls as decisions, one row per case: what a new order starts with (slippage
// limit, wait, arrival price), the collar a market order or a released stop goes out as, the
// shapes refused, a wait that runs out, an administrator's cancel, and the venue's end of a collar.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using S = Fillmore.Core.Orders.OrderStatus;

public class ControlDeciderTests
{
    private static readonly DateTimeOffset T0 = Book.T0;
    private static readonly Quote AaplQuote = new(Symbol.Of("AAPL"), 189.99m, 190.01m, 190m, T0);
    private static readonly VenueCapabilities DayOnly = VenueCapabilities.All with
    {
        TimesInForce = new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc },
    };

    private static Order New(OrderType type, Side side = Side.Buy, decimal? slippage = null, int? wait = null,
        OrderClass cls = OrderClass.Simple, decimal? stop = null) =>
        Order.CreatePending(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), Book.Alice, null,
            new OrderSpec(Symbol.Of("AAPL"), side, 100, type, null, stop, TimeInForce.Day, null, null)
            {
                Class = cls, MaxSlippageBps = slippage, MaxWaitSeconds = wait,
                TrailPrice = type == OrderType.TrailingStop ? 2m : null,
            }, "SIM", ExecutionPath.V2, T0);

    private static Account Account(decimal? byDefault = null, decimal? limit = null) =>
        new Account(Book.Alice, 1_000_000m, null, false, 1) { DefaultMaxSlippageBps = byDefault, MaxSlippageBps = limit };

    [Theory]
    [InlineData(OrderType.Market, 30.0, null, null, 30.0)]      // the order's own
    [InlineData(OrderType.Market, null, 20.0, null, 20.0)]      // the account's default
    [InlineData(OrderType.Market, null, 50.0, 40.0, 40.0)]      // a default above the limit: the limit
    [InlineData(OrderType.Market, null, null, 40.0, 40.0)]      // only a limit: it applies
    [InlineData(OrderType.Limit, null, 20.0, 40.0, null)]       // a limit price bounds it already
    [InlineData(OrderType.Stop, null, 20.0, null, null)]        // a default never forces a stop to be held
    public void The_slippage_limit_in_force(OrderType type, double? asked, double? byDefault, double? limit, double? expected)
    {
        var order = OrderControls.Applied(New(type, slippage: (decimal?)asked), Account((decimal?)byDefault, (decimal?)limit), AaplQuote, null, T0);
        Assert.Equal((decimal?)expected, order.SlippageLimitBps);
        Assert.Equal(190.01m, order.ArrivalPrice);   // a buy arrives at the ask
    }

    [Theory]
    [InlineData(null, null, OrderClass.Simple, null)]
    [InlineData(null, 60, OrderClass.Simple, 60)]             // ORDER_TIMEOUT_SECONDS
    [InlineData(30, 60, OrderClass.Simple, 30)]               // the order's own wins
    [InlineData(null, 60, OrderClass.Oco, null)]              // an OCO protects a position: no default wait
    public void The_wait_in_force(int? wait, int? byDefault, OrderClass cls, int? expected)
    {
        var order = OrderControls.Applied(New(OrderType.Market, wait: wait, cls: cls), Account(), AaplQuote, byDefault, T0);
        Assert.Equal(expected is { } s ? T0.AddSeconds(s) : null, order.TimeoutAt);
    }

    [Theory]
    [InlineData(Side.Buy, 190.01, 25.0, 190.48)]    // 190.01 x 1.0025 = 190.485, down to the tick: never more than 25 bps
    [InlineData(Side.Sell, 189.99, 25.0, 189.52)]   // 189.99 x 0.9975 = 189.515, up to the tick
    [InlineData(Side.Sell, 0.02, 10000.0, 0.01)]    // never a price of zero
    public void A_collar_stays_within_the_limit(Side side, double arrival, double bps, double expected) =>
        Assert.Equal((decimal)expected, Slippage.Collar(side, (decimal)arrival, (decimal)bps, 0.01m));

    [Theory]
    [InlineData(OrderType.Market, true, S.PendingSubmit, OrderType.Limit, TimeInForce.Ioc, null)]
    [InlineData(OrderType.Market, false, S.PendingSubmit, OrderType.Limit, TimeInForce.Day, null)]   // no IOC: cancelled after the answer
    [InlineData(OrderType.Stop, true, S.Held, OrderType.Stop, TimeInForce.Ioc, null)]       // held although the venue holds stops
    [InlineData(OrderType.TrailingStop, true, S.Held, OrderType.TrailingStop, TimeInForce.Ioc, null)]
    public void A_slippage_limit_goes_out_as_a_collar(OrderType type, bool ioc, S status, OrderType sent, TimeInForce tif, string? refusal)
    {
        var order = OrderControls.Applied(New(type, slippage: 25m, stop: type == OrderType.Stop ? 195m : null), Account(), AaplQuote, null, T0);
        var plan = EntryDecider.Plan(order, () => new OrderId(Guid.NewGuid()), ioc ? VenueCapabilities.All : DayOnly, TradingCalendar.NewYork, 0.01m, T0);
        Assert.Equal(refusal, plan.Refusal?.Code);
        Assert.Equal((status, sent, tif), (plan.Parent!.Status, plan.Parent.Terms.Type, plan.Parent.Terms.TimeInForce));
        if (type == OrderType.Market) Assert.Equal(190.48m, plan.Parent.Terms.LimitPrice);
    }

    [Fact]
    public void A_slippage_limit_is_refused_where_it_cannot_be_carried_out()
    {
        var limitless = VenueCapabilities.All with { OrderTypes = new HashSet<OrderType> { OrderType.Market } };
        var noLimits = EntryDecider.Plan(OrderControls.Applied(New(OrderType.Market, slippage: 25m), Account(), AaplQuote, null, T0),
            () => new OrderId(Guid.NewGuid()), limitless, TradingCalendar.NewYork, 0.01m, T0);
        var noQuote = EntryDecider.Plan(OrderControls.Applied(New(OrderType.Market, slippage: 25m), Account(), null, null, T0),
            () => new OrderId(Guid.NewGuid()), VenueCapabilities.All, TradingCalendar.NewYork, 0.01m, T0);
        Assert.Equal((ReasonCodes.MaxSlippageNotApplicable, ReasonCodes.NoQuoteAvailable), (noLimits.Refusal?.Code, noQuote.Refusal?.Code));
    }

    [Fact]
    public void A_held_stop_under_a_slippage_limit_is_released_collared_around_the_touch()
    {
        var held = EntryDecider.Plan(OrderControls.Applied(New(OrderType.Stop, Side.Sell, slippage: 50m, stop: 185m), Account(), AaplQuote, null, T0),
            () => new OrderId(Guid.NewGuid()), VenueCapabilities.All, TradingCalendar.NewYork, 0.01m, T0).Parent!;
        var touch = TriggerDecider.Evaluate(held, new Quote(Symbol.Of("AAPL"), 184.90m, 184.95m, 184.92m, T0), 0.01m, T0);
        Assert.Equal((OrderType.Limit, 183.98m, TimeInForce.Ioc), (touch.Release!.Type, touch.Release.LimitPrice, touch.Release.TimeInForce));   // 184.90 x 0.995 = 183.9755, up
        var released = TriggerDecider.Release(touch.Order!, touch.Release, null, T0, touch.Price).Change!.Order;
        Assert.Equal((S.PendingSubmit, 184.90m, true), (released.Status, released.ArrivalPrice, released.IsCollared));
    }

    [Theory]
    [InlineData(0.0, null, OrderType.Market, ReasonCodes.MaxSlippageInvalid)]
    [InlineData(10000.01, null, OrderType.Market, ReasonCodes.MaxSlippageInvalid)]
    [InlineData(2.555, null, OrderType.Market, ReasonCodes.MaxSlippageInvalid)]
    [InlineData(10.0, null, OrderType.Limit, ReasonCodes.MaxSlippageNotApplicable)]
    [InlineData(null, 0.0, OrderType.Market, ReasonCodes.MaxWaitInvalid)]
    [InlineData(null, 1.5, OrderType.Market, ReasonCodes.MaxWaitInvalid)]
    [InlineData(null, 2592001.0, OrderType.Market, ReasonCodes.MaxWaitInvalid)]
    [InlineData(10000.0, 2592000.0, OrderType.Market, null)]
    public void Controls_that_make_no_sense_are_refused(double? bps, double? wait, OrderType type, string? code)
    {
        var draft = new OrderDraft("AAPL", "BUY", 10, ApiNames.Of(type), type == OrderType.Limit ? 190m : null, null, "DAY", null, null, null)
        {
            MaxSlippageBps = (decimal?)bps, MaxWaitSeconds = (decimal?)wait,
        };
        var errors = OrderShapeRules.Validate(draft, out var spec);
        Assert.Equal(code, errors.SingleOrDefault()?.Code);
        if (code is null) Assert.Equal((10000m, 2592000), (spec!.MaxSlippageBps, spec.MaxWaitSeconds));
    }

    [Fact]
    public void An_oco_takes_neither_control()
    {
        var draft = new OrderDraft("AAPL", "SELL", 10, null, null, null, "GTC", 180m, 200m, null)
        {
            OrderClass = "OCO", MaxSlippageBps = 10m, MaxWaitSeconds = 30m,
        };
        var codes = OrderShapeRules.Validate(draft, out _).Select(e => e.Code).ToList();
        Assert.Equal([ReasonCodes.MaxSlippageNotApplicable, ReasonCodes.MaxWaitNotApplicable], codes);
    }

    [Theory]
    [InlineData(S.Held, S.Cancelled)]
    [InlineData(S.Pending, S.PendingCancel)]
    [InlineData(S.Partial, S.PendingCancel)]
    [InlineData(S.PendingCancel, S.PendingCancel)]   // a cancel already on its way: nothing more
    [InlineData(S.Filled, S.Filled)]
    public void A_wait_that_runs_out_cancels_what_is_left(S status, S after)
    {
        var order = (New(OrderType.Limit) with { TimeoutAt = T0.AddSeconds(30) })
            .Restored(new OrderProgress(status, status == S.Partial ? 40 : status == S.Filled ? 100 : 0, null, 2));
        var book = new Book(order);
        Assert.Same(Decision.Nothing, ExpiryDecider.Expire(order, T0.AddSeconds(29)));
        book.Commit(ExpiryDecider.Expire(order, T0.AddSeconds(30)));
        Assert.Equal(after, book.Order.Status);
        if (after == status) return;
        Assert.Equal(ReasonCodes.Timeout, book.Committed[^1].Audit[^1].ErrorCode);
        if (after != S.PendingCancel) return;
        book.Commit(ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Cancelled, cumulative: book.Order.FilledQuantity), book.Context, T0.AddSeconds(31)));
        Assert.Equal((S.Cancelled, ReasonCodes.Timeout), (book.Order.Status, book.Committed[^1].Audit[^1].ErrorCode));
        Assert.StartsWith("Timeout: not filled within the 30 s", book.Order.Reason);
    }

    [Theory]
    [InlineData(S.Held, S.Cancelled)]
    [InlineData(S.Pending, S.PendingCancel)]
    [InlineData(S.Filled, S.Filled)]
    public void An_administrators_cancel_records_who_and_why_to_the_end(S status, S after)
    {
        var book = new Book(New(OrderType.Limit).Restored(new OrderProgress(status, status == S.Filled ? 100 : 0, null, 2)));
        var request = CancelDecider.ByAdmin(book.Order, busy: false, ReasonCodes.TradingHalted, "Kill switch (admin ops): outage", T0);
        book.Commit(request.Decision);
        Assert.Equal(after, book.Order.Status);
        if (after == S.Filled) { Assert.IsType<CancelResult.NotCancellable>(request.Result); return; }
        var entry = book.Committed[^1].Audit[^1];
        Assert.Equal((Actor.Admin, ReasonCodes.TradingHalted, "Kill switch (admin ops): outage"), (entry.Actor, entry.ErrorCode, entry.Reason));
        if (after != S.PendingCancel) return;
        Assert.Equal(CancelFollowUp.SendToVenue, request.Then);
        book.Commit(ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Cancelled), book.Context, T0));
        Assert.Equal((S.Cancelled, ReasonCodes.TradingHalted, "Kill switch (admin ops): outage"),
            (book.Order.Status, book.Committed[^1].Audit[^1].ErrorCode, book.Order.Reason));
    }

    [Fact]
    public void The_venue_ending_an_ioc_collar_is_a_slippage_cancel_with_the_realised_slippage_on_the_fill()
    {
        var order = EntryDecider.Plan(OrderControls.Applied(New(OrderType.Market, slippage: 25m), Account(), AaplQuote, null, T0),
            () => new OrderId(Guid.NewGuid()), VenueCapabilities.All, TradingCalendar.NewYork, 0.01m, T0).Parent!
            .Restored(new OrderProgress(S.Pending, 0, null, 2) { ArrivalPrice = 190.01m });
        var book = new Book(order);
        book.Commit(ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Fill, "x-1", 40, 40, 190.20m), book.Context, T0));
        Assert.Equal(10m, book.Order.RealisedSlippageBps);   // (190.20 - 190.01) / 190.01 = 9.9995 bps
        Assert.Equal("Slippage 10.00 bps against the arrival price 190.01 (limit 25 bps).", book.Committed[^1].Audit[^1].Reason);
        book.Commit(ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Cancelled, "x-2", 0, 40, 190.20m), book.Context, T0));
        Assert.Equal((S.Cancelled, ReasonCodes.SlippageLimit), (book.Order.Status, book.Committed[^1].Audit[^1].ErrorCode));
        Assert.StartsWith("Slippage limit: what could not fill within 25 bps of the arrival price 190.01 (a limit of 190.48)", book.Order.Reason);
    }
}
