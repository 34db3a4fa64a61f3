// An exchange process as a second venue beside the in-process paper exchange (Fillmore:Venues:Exchange):
// a real Fillmore.Exchange on loopback, its quotes still (one quote an hour) and moved by the test.
// SMART sends the order where it is cheaper, over HTTP to the exchange when the exchange is, and the
// fill comes back over its report WebSocket; both venues are listed, reachable and in the health report.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using Fillmore.Exchange;
using Microsoft.AspNetCore.Builder;

public sealed class ExchangeVenueTests : IAsyncLifetime
{
    private WebApplication _exchange = null!;
    private HttpClient _exchangeAdmin = null!;
    private FillmoreFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _exchange = ExchangeHost.Build(["--urls", "http://127.0.0.1:0", "--Exchange:QuoteInterval", "01:00:00"]);
        await _exchange.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _exchangeAdmin = new HttpClient { BaseAddress = new Uri(_exchange.Urls.Single()) };
        _factory = new FillmoreFactory();
        _factory.Settings["Fillmore:Venues:Exchange:0:Name"] = "EXCH";
        _factory.Settings["Fillmore:Venues:Exchange:0:Url"] = _exchange.Urls.Single();
        _factory.Settings["Fillmore:Routing:DefaultVenue"] = "SMART";
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        _exchangeAdmin.Dispose();
        await _exchange.DisposeAsync();
    }

    private async Task PriceAsync(string venue, decimal mid)
    {
        var response = venue == "EXCH"
            ? await _exchangeAdmin.PostAsJsonAsync("/v1/admin/prices", new { symbol = "AAPL", price = mid })
            : await _factory.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/prices",
                new { symbol = "AAPL", price = mid, venue });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    // The exchange's quotes reach Fillmore by polling on Fillmore's clock (the test's): move it until the best ask
    // across the venues shows the exchange's new price.
    private async Task SeenAsync(Func<decimal, bool> ask, string what)
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        await Wait.UntilAsync(async () =>
        {
            _factory.Time.Advance(TimeSpan.FromMilliseconds(500));
            var instruments = await (await alice.GetAsync("/api/v1/instruments")).JsonAsync();
            return ask(instruments.GetProperty("data").EnumerateArray().Single(i => i.Str("symbol") == "AAPL")
                .GetProperty("ask").GetDecimal());
        }, what);
    }

    [Fact]
    public async Task Smart_sends_to_the_exchange_process_when_it_is_cheaper_and_to_the_paper_exchange_when_not()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        await PriceAsync("SIM", 190.00m);
        await PriceAsync("EXCH", 185.00m);
        await SeenAsync(ask => ask < 186m, "the exchange's lower quote reached Fillmore");

        var cheap = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "MARKET" });
        var atExchange = await cheap.JsonAsync();
        Assert.Equal((HttpStatusCode.Created, "EXCH"), (cheap.StatusCode, atExchange.Str("venue")));
        var filled = await alice.WaitForStatusAsync(atExchange.Id(), "FILLED");
        var fill = Assert.Single(filled.GetProperty("fills").EnumerateArray());
        Assert.Equal(("EXCH", 185.01m), (fill.Str("venue"), fill.GetProperty("price_at_fill").GetDecimal()));

        await PriceAsync("EXCH", 195.00m);
        await SeenAsync(ask => ask > 188m, "the exchange's higher quote reached Fillmore");
        var dear = await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync();
        Assert.Equal("SIM", dear.Str("venue"));
        var venues = await (await alice.GetAsync("/api/v1/venues")).JsonAsync();
        Assert.Equal(["EXCH", "SIM"], venues.GetProperty("data").EnumerateArray().Select(v => v.Str("name")).Order());

        var health = await (await _factory.ClientFor(FillmoreFactory.Admin).GetAsync("/api/v1/health")).JsonAsync();
        Assert.Equal(["EXCH", "SIM"], health.GetProperty("venues").EnumerateArray().Select(v => v.Str("name")).Order());
        Assert.All(health.GetProperty("venues").EnumerateArray(), v => Assert.True(v.GetProperty("reachable").GetBoolean()));
    }
}
