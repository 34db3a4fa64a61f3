// Fillmore with the paper exchange in its own server: the host's IVenue and IMarketData are a
// RemoteVenue pointing at a real Fillmore.Exchange on loopback (registered here exactly as the
// production wiring would register it). Orders go over HTTP to the exchange, reports come back
// over its WebSocket, risk prices orders with the exchange's quotes, and the exchange's book —
// which every node would share — holds the order with the same fill Fillmore recorded.
namespace Fillmore.Api.Tests;

using System.Net;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Exchange;
using Fillmore.Venues.Remote;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

public sealed class RemoteExchangeTests : IAsyncLifetime
{
    private WebApplication _exchange = null!;
    private RemoteVenue _venue = null!;
    private FillmoreFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _exchange = ExchangeHost.Build(["--urls", "http://127.0.0.1:0", "--Exchange:QuoteInterval", "01:00:00"]);
        await _exchange.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _venue = new RemoteVenue(new RemoteVenueOptions { Url = _exchange.Urls.Single() }, TimeProvider.System);
        Assert.True(await _venue.WaitUntilReadyAsync());
        _factory = new FillmoreFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IVenue>(_venue);
                services.AddSingleton<IMarketData>(_venue);
            },
        };
    }

    [Fact]
    public async Task A_market_order_submitted_over_http_fills_at_the_remote_exchange_end_to_end()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        Assert.True(_venue.TryGetQuote(Symbol.Of("AAPL"), out var quote));

        var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).Id();
        var filled = await alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(quote.Ask, filled.GetProperty("average_fill_price").GetDecimal());
        var atExchange = Assert.IsType<VenueQuery.Found>(await _venue.QueryAsync(new OrderId(Guid.Parse(id)))).State;
        var execution = Assert.Single(atExchange.Executions);
        var fill = Assert.Single(filled.GetProperty("fills").EnumerateArray());
        Assert.Equal((10L, execution.LastPrice, "SIM"), (fill.GetProperty("quantity_filled").GetInt64(), fill.GetProperty("price_at_fill").GetDecimal(), fill.Str("venue")));
        Assert.Equal(VenueOrderStatus.Filled, atExchange.Status);
    }

    [Fact]
    public async Task An_order_for_a_symbol_the_exchange_does_not_list_is_denied_by_risk_before_sending()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);

        var response = await alice.SubmitAsync(new { symbol = "ZZZZ", side = "BUY", quantity = 1, order_type = "MARKET" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var exchange = new HttpClient { BaseAddress = new Uri(_exchange.Urls.Single()) };
        Assert.Equal("[]", await exchange.GetStringAsync("/v1/orders"));   // every order the exchange ever got: none
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _venue.DisposeAsync();
        await _exchange.StopAsync();
        await _exchange.DisposeAsync();
    }
}
