// The report socket: a drop-copy broadcast every connected node receives, re-opened by the
// adapter after the exchange drops it, with Reconnected raised so that the engine reconciles.
namespace Fillmore.Venues.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class RemoteVenueReportStreamTests
{
    [Fact]
    public async Task Every_connected_node_receives_every_report()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var nodeA = await Probe.ConnectedAsync(exchange.Url);
        await using var nodeB = await Probe.ConnectedAsync(exchange.Url);
        var order = Probe.NewOrder();

        Assert.IsType<VenueOutcome.Confirmed>(await nodeA.SubmitAsync(order));

        var seenByA = await nodeA.NextReportAsync(order.Id, ExecutionKind.Fill);
        var seenByB = await nodeB.NextReportAsync(order.Id, ExecutionKind.Fill);
        Assert.Equal(seenByA, seenByB);
    }

    [Fact]
    public async Task A_dropped_report_session_is_reopened_with_reconnected_raised_and_reports_flow_again()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var reconnects = 0;
        venue.Reconnected += (_, _) => Interlocked.Increment(ref reconnects);
        var sessionsBefore = venue.ReportSessions;

        Assert.Equal(1, await exchange.DisconnectReportsAsync());

        await Probe.UntilAsync(() => Volatile.Read(ref reconnects) == 1 && venue.ReportsConnected, "the report session to reopen");
        Assert.Equal(sessionsBefore + 1, venue.ReportSessions);
        var order = Probe.NewOrder();
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));
        await venue.NextReportAsync(order.Id, ExecutionKind.Fill);
    }

    [Fact]
    public async Task The_first_session_raises_reconnected_too_because_reports_before_it_are_lost()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 100m);
        await using (var earlier = await Probe.ConnectedAsync(exchange.Url))
            Assert.IsType<VenueOutcome.Confirmed>(await earlier.SubmitAsync(order));   // another node left it working
        var options = Probe.Options(exchange.Url);
        var reconnected = new TaskCompletionSource();

        await using var venue = new Remote.RemoteVenue(options, TimeProvider.System);
        venue.Reconnected += (_, _) => reconnected.TrySetResult();
        await exchange.SetPriceAsync("AAPL", 99.00m);   // fills it, possibly before the session is open

        await reconnected.Task.WaitAsync(Probe.Bound);
        var state = Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(order.Id)).State;
        Assert.Equal(VenueOrderStatus.Filled, state.Status);   // what the reconciliation the event asks for finds
    }

    [Fact]
    public async Task The_adapter_keeps_trying_until_the_exchange_comes_up_then_connects_and_fetches_market_data()
    {
        var port = Probe.FreePort();
        await using var venue = new Remote.RemoteVenue(Probe.Options($"http://127.0.0.1:{port}"), TimeProvider.System);
        var reconnected = new TaskCompletionSource();
        venue.Reconnected += (_, _) => reconnected.TrySetResult();
        await venue.WaitUntilReadyAsync();
        Assert.False(venue.ReportsConnected);
        Assert.Null(venue.FindInstrument(Symbol.Of("AAPL")));

        await using var exchange = await ExchangeServer.StartOnAsync(port);

        await reconnected.Task.WaitAsync(Probe.Bound);
        await Probe.UntilAsync(() => venue.FindInstrument(Symbol.Of("AAPL")) is not null, "market data to arrive");
        Assert.True(venue.TryGetQuote(Symbol.Of("AAPL"), out _));
    }
}
