namespace Fillmore.Core.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Time.Testing;

public class SimulatedVenueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero));

    private SimulatedVenue Venue(bool partialFills = false, int seed = 7) =>
        new(new SimulatedVenueOptions { Seed = seed, PartialFills = partialFills }, _time);

    private static Order NewOrder(string symbol, Side side, long qty, OrderType type, decimal? limit = null, decimal? stop = null, TimeInForce tif = TimeInForce.Day) =>
        Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
            new OrderSpec(Symbol.Of(symbol), side, qty, type, limit, stop, tif, null, null), "SIM", ExecutionPath.V2, DateTimeOffset.UnixEpoch);

    private static List<ExecutionReport> Drain(SimulatedVenue venue)
    {
        var reports = new List<ExecutionReport>();
        while (venue.Reports.TryRead(out var r)) reports.Add(r);
        return reports;
    }

    [Fact]
    public void Quotes_follow_the_same_walk_for_the_same_seed()
    {
        var (a, b, c) = (Venue(seed: 1), Venue(seed: 1), Venue(seed: 2));
        var paths = new List<(decimal, decimal, decimal)>();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            a.TryGetQuote(Symbol.Of("AAPL"), out var qa);
            b.TryGetQuote(Symbol.Of("AAPL"), out var qb);
            c.TryGetQuote(Symbol.Of("AAPL"), out var qc);
            paths.Add((qa.Bid, qb.Bid, qc.Bid));
        }
        Assert.All(paths, p => Assert.Equal(p.Item1, p.Item2));
        Assert.Contains(paths, p => p.Item1 != p.Item3);
        Assert.True(paths.Select(p => p.Item1).Distinct().Count() > 1, "the quote never moved");
    }

    [Fact]
    public async Task A_market_buy_fills_at_the_ask_with_commission()
    {
        var venue = Venue();
        venue.TryGetQuote(Symbol.Of("AAPL"), out var quote);
        var order = NewOrder("AAPL", Side.Buy, 10, OrderType.Market);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));
        var fill = Assert.Single(Drain(venue));
        Assert.Equal((ExecutionKind.Fill, 10L, quote.Ask, 10L), (fill.Kind, fill.LastQuantity, fill.LastPrice, fill.CumulativeQuantity));
        Assert.Equal(1.00m, fill.Commission);
    }

    [Fact]
    public async Task A_limit_order_rests_until_the_quote_reaches_it_then_fills_at_the_quote_or_better()
    {
        var venue = Venue();
        var order = NewOrder("MSFT", Side.Buy, 5, OrderType.Limit, limit: 400m);
        await venue.SubmitAsync(order);
        Assert.Empty(Drain(venue));
        venue.SetPrice(Symbol.Of("MSFT"), 399.50m);
        var fill = Assert.Single(Drain(venue));
        Assert.True(fill.LastPrice <= 400m);
        var state = Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(order.Id)).State;
        Assert.Equal(VenueOrderStatus.Filled, state.Status);
    }

    [Fact]
    public async Task A_sell_stop_triggers_when_the_bid_falls_to_it()
    {
        var venue = Venue();
        var order = NewOrder("AAPL", Side.Sell, 3, OrderType.Stop, stop: 185m);
        await venue.SubmitAsync(order);
        venue.SetPrice(Symbol.Of("AAPL"), 186m);
        Assert.Empty(Drain(venue));
        venue.SetPrice(Symbol.Of("AAPL"), 184.9m);
        Assert.Equal(3, Assert.Single(Drain(venue)).LastQuantity);
    }

    [Fact]
    public async Task Ioc_cancels_what_cannot_fill_and_fok_fills_all_or_nothing()
    {
        var venue = Venue();
        var ioc = NewOrder("AAPL", Side.Buy, 5, OrderType.Limit, limit: 100m, tif: TimeInForce.Ioc);
        await venue.SubmitAsync(ioc);
        Assert.Equal(ExecutionKind.Cancelled, Assert.Single(Drain(venue)).Kind);

        var partial = Venue(partialFills: true, seed: 3);
        var fok = NewOrder("AAPL", Side.Buy, 1_000_000, OrderType.Market, tif: TimeInForce.Fok);
        await partial.SubmitAsync(fok);
        var reports = Drain(partial);
        Assert.True(reports.Count == 1 && (reports[0].Kind == ExecutionKind.Cancelled || reports[0].CumulativeQuantity == 1_000_000));
    }

    [Fact]
    public async Task Partial_fills_add_up_to_the_order_quantity()
    {
        var venue = Venue(partialFills: true, seed: 11);
        var order = NewOrder("NVDA", Side.Buy, 500, OrderType.Market, tif: TimeInForce.Gtc);
        await venue.SubmitAsync(order);
        for (var i = 0; i < 200 && await venue.QueryAsync(order.Id) is VenueQuery.Found { State.Status: VenueOrderStatus.Working }; i++)
            _time.Advance(TimeSpan.FromSeconds(1));
        var fills = Drain(venue).Where(r => r.Kind == ExecutionKind.Fill).ToList();
        Assert.True(fills.Count > 1, "expected the order to fill in pieces");
        Assert.Equal(500, fills.Sum(f => f.LastQuantity));
        Assert.Equal(500, fills[^1].CumulativeQuantity);
        Assert.Equal(fills.Count, fills.Select(f => f.ExecutionId).Distinct().Count());
    }

    [Fact]
    public async Task Cancel_query_duplicates_and_refusals()
    {
        var venue = Venue();
        var order = NewOrder("AAPL", Side.Buy, 5, OrderType.Limit, limit: 100m, tif: TimeInForce.Gtc);
        await venue.SubmitAsync(order);
        Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(order));
        Assert.Equal(2, venue.Submissions[order.Id]);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.CancelAsync(order.Id));
        Assert.Equal("TOO_LATE_TO_CANCEL", Assert.IsType<VenueOutcome.Rejected>(await venue.CancelAsync(order.Id)).Code);
        Assert.IsType<VenueQuery.NotFound>(await venue.QueryAsync(new OrderId(Guid.NewGuid())));
        Assert.Equal("SYMBOL_HALTED", Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(NewOrder("HALT", Side.Buy, 1, OrderType.Market))).Code);
        Assert.Equal("SYMBOL_DELISTED", Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(NewOrder("LEHM", Side.Buy, 1, OrderType.Market))).Code);
        Assert.Equal("UNKNOWN_SYMBOL", Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(NewOrder("ZZZZ", Side.Buy, 1, OrderType.Market))).Code);
    }
}
