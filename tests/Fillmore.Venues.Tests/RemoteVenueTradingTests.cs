// Trading through RemoteVenue against the real exchange: orders are confirmed, fills and cancels
// arrive on the report socket, queries and the open-order list tell the exchange's truth, and a
// second order with one client order id is refused.
namespace Fillmore.Venues.Tests;

using System.Net.Http.Json;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;

public sealed class RemoteVenueTradingTests
{
    [Fact]
    public async Task A_market_order_is_confirmed_and_its_fill_arrives_on_the_report_socket()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var order = Probe.NewOrder(quantity: 10);

        var outcome = await venue.SubmitAsync(order);

        Assert.IsType<VenueOutcome.Confirmed>(outcome);
        var fill = await venue.NextReportAsync(order.Id, ExecutionKind.Fill);
        Assert.Equal((10L, 10L, "SIM"), (fill.LastQuantity, fill.CumulativeQuantity, fill.Venue));
        Assert.True(fill.LastPrice > 0 && fill.Commission > 0);
        var found = Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(order.Id));
        Assert.Equal(VenueOrderStatus.Filled, found.State.Status);
        Assert.Equal(fill, Assert.Single(found.State.Executions));
    }

    [Fact]
    public async Task A_resting_limit_order_is_listed_open_and_a_cancel_brings_a_cancelled_report()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var order = Probe.NewOrder(symbol: "MSFT", type: OrderType.Limit, limit: 300.05m);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));

        var open = Assert.Single((await venue.ListOpenOrdersAsync())!);
        Assert.Equal((order.Id, Symbol.Of("MSFT"), VenueOrderStatus.Working, 10L), (open.OrderId, open.Symbol, open.Status, open.Quantity));

        Assert.IsType<VenueOutcome.Confirmed>(await venue.CancelAsync(order.Id));
        var cancelled = await venue.NextReportAsync(order.Id, ExecutionKind.Cancelled);
        Assert.Equal(0, cancelled.CumulativeQuantity);
        Assert.Empty((await venue.ListOpenOrdersAsync())!);
        var state = Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(order.Id)).State;
        Assert.Equal(VenueOrderStatus.Cancelled, state.Status);
    }

    [Fact]
    public async Task A_limit_order_fills_at_its_price_when_the_admin_moves_the_market_to_it()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 150.10m);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));

        await exchange.SetPriceAsync("AAPL", 150.00m);

        var fill = await venue.NextReportAsync(order.Id, ExecutionKind.Fill);
        Assert.Equal(150.01m, fill.LastPrice);   // the ask: mid 150.00 plus one tick of the two-tick spread, exact on the wire
    }

    // Whose an order is travels with it and comes back in the exchange's view: a ghost's audit entries are filed under
    // it. One posted by another system without an account comes back without one.
    [Fact]
    public async Task The_exchange_reports_the_account_an_order_was_booked_to()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var ours = Probe.NewOrder(type: OrderType.Limit, limit: 100m);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(ours));
        var foreign = Guid.NewGuid();
        (await exchange.Admin.PostAsJsonAsync("/v1/orders", new WireOrder(foreign, "MSFT", Side.Sell, 5, OrderType.Limit,
            900m, null, TimeInForce.Gtc), WireJson.Options)).EnsureSuccessStatusCode();

        Assert.Equal(ours.TraderId.Value, Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(ours.Id)).State.Account);
        var open = (await venue.ListOpenOrdersAsync())!.ToDictionary(o => o.OrderId.Value, o => o.Account);
        Assert.Equal(ours.TraderId.Value, open[ours.Id.Value]);
        Assert.Null(open[foreign]);
    }

    [Fact]
    public async Task Querying_an_order_the_exchange_never_saw_is_not_found()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);

        Assert.IsType<VenueQuery.NotFound>(await venue.QueryAsync(new OrderId(Guid.NewGuid())));
    }

    [Fact]
    public async Task A_second_order_with_the_same_client_order_id_is_refused_and_the_first_stands()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 100m);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));

        var again = await venue.SubmitAsync(order with { Spec = order.Spec with { Quantity = 99 } });

        Assert.Equal("DUPLICATE_CLIENT_ORDER_ID", Assert.IsType<VenueOutcome.Rejected>(again).Code);
        Assert.Equal(10, Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(order.Id)).State.Quantity);
    }

    [Theory]
    [InlineData("ZZZZ", 10, "UNKNOWN_SYMBOL")]      // 422 from the simulator
    [InlineData("HALT", 10, "SYMBOL_HALTED")]       // 422 from the simulator
    [InlineData("AAPL", 0, "INVALID_ORDER")]        // 400 from the exchange's own check
    public async Task Orders_the_exchange_refuses_are_rejected_with_its_code(string symbol, long quantity, string code)
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);

        var outcome = await venue.SubmitAsync(Probe.NewOrder(symbol: symbol, quantity: quantity));

        var rejected = Assert.IsType<VenueOutcome.Rejected>(outcome);
        Assert.Equal(code, rejected.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_is_rejected_not_confirmed()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);

        var outcome = await venue.CancelAsync(new OrderId(Guid.NewGuid()));

        Assert.Equal("UNKNOWN_ORDER", Assert.IsType<VenueOutcome.Rejected>(outcome).Code);
    }
}
