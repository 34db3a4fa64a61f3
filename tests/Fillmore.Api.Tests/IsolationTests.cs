// FR-013 across every read and write endpoint: alice never sees or touches bob's orders, fills,
// events, account, audit entries or reports, whatever she puts in the query; compliance sees
// everyone's. (The WebSocket stream's isolation is in StreamTests.)
namespace Fillmore.Api.Tests;

using System.Net;
using System.Text.Json;

public sealed class IsolationTests : IAsyncLifetime
{
    private readonly FillmoreFactory _factory = new();
    private HttpClient _alice = null!, _bob = null!, _compliance = null!;
    private string _aliceFilled = "", _aliceResting = "", _bobFilled = "", _bobResting = "";

    public async Task InitializeAsync()
    {
        (_alice, _bob, _compliance) = (_factory.ClientFor(FillmoreFactory.Alice), _factory.ClientFor(FillmoreFactory.Bob), _factory.ClientFor(FillmoreFactory.Compliance));
        (_aliceFilled, _aliceResting) = await TradeAsync(_alice, "AAPL", 175.00m);
        (_bobFilled, _bobResting) = await TradeAsync(_bob, "NVDA", 110.00m);
    }

    private static async Task<(string, string)> TradeAsync(HttpClient client, string symbol, decimal restingPrice)
    {
        var filled = (await (await client.SubmitAsync(new { symbol, side = "BUY", quantity = 3, order_type = "MARKET" })).JsonAsync()).Id();
        var resting = (await (await client.SubmitAsync(new { symbol, side = "BUY", quantity = 1, order_type = "LIMIT", price = restingPrice })).JsonAsync()).Id();
        await client.WaitForStatusAsync(filled, "FILLED");
        await client.WaitForStatusAsync(resting, "PENDING");
        return (filled, resting);
    }

    private static async Task<JsonElement> OkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static IEnumerable<string> Traders(JsonElement page, string field = "trader_id") =>
        page.GetProperty("data").EnumerateArray().Select(e => e.Str(field)).Distinct().Order();

    [Fact]
    public async Task Orders_list_shows_a_trader_only_their_own_and_compliance_everyone()
    {
        foreach (var query in new[] { "", "?trader_id=bob", "?symbol=NVDA&trader_id=bob" })
            Assert.DoesNotContain("bob", Traders(await OkAsync(_alice, "/api/v1/orders" + query)));
        Assert.Equal(["alice", "bob"], Traders(await OkAsync(_compliance, "/api/v1/orders")));
        Assert.Equal(["bob"], Traders(await OkAsync(_compliance, "/api/v1/orders?trader_id=bob")));
    }

    [Fact]
    public async Task Another_traders_order_its_audit_and_its_cancel_are_not_found()
    {
        foreach (var response in new[]
        {
            await _alice.GetAsync($"/api/v1/orders/{_bobFilled}"),
            await _alice.GetAsync($"/api/v1/orders/{_bobFilled}/audit"),
            await _alice.PostAsync($"/api/v1/orders/{_bobResting}/cancel", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("ORDER_NOT_FOUND", (await response.JsonAsync()).Str("code"));
        }
        Assert.Equal("PENDING", (await _bob.GetOrderAsync(_bobResting)).Str("status"));
        Assert.Equal("bob", (await OkAsync(_compliance, $"/api/v1/orders/{_bobFilled}")).Str("trader_id"));
        Assert.Equal(["bob"], Traders(await OkAsync(_compliance, $"/api/v1/orders/{_bobFilled}/audit")));
        // Compliance reads everything but places and cancels nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await _compliance.PostAsync($"/api/v1/orders/{_bobResting}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Account_is_always_the_callers_own_unless_compliance_asks_for_one()
    {
        Assert.Equal("alice", (await OkAsync(_alice, "/api/v1/account?trader_id=bob")).Str("trader_id"));
        Assert.Equal("bob", (await OkAsync(_compliance, "/api/v1/account?trader_id=bob")).Str("trader_id"));
    }

    [Fact]
    public async Task Events_are_the_callers_own_unless_compliance_names_a_trader()
    {
        Assert.Equal(["alice"], Traders(await OkAsync(_alice, "/api/v1/events?after=0&trader_id=bob")));
        Assert.Equal(["bob"], Traders(await OkAsync(_compliance, "/api/v1/events?after=0&trader_id=bob")));
        Assert.Equal(HttpStatusCode.BadRequest, (await _compliance.GetAsync("/api/v1/events?after=0")).StatusCode);
    }

    [Fact]
    public async Task The_audit_trail_shows_a_trader_only_their_own_entries()
    {
        foreach (var query in new[] { "", "?trader_id=bob", $"?order_id={_bobFilled}", "?symbol=NVDA" })
            Assert.DoesNotContain("bob", Traders(await OkAsync(_alice, "/api/v1/audit" + query)));
        Assert.Empty((await OkAsync(_alice, $"/api/v1/audit?order_id={_bobFilled}")).GetProperty("data").EnumerateArray());
        Assert.Equal(["alice", "bob"], Traders(await OkAsync(_compliance, "/api/v1/audit")));
        Assert.Equal(["bob"], Traders(await OkAsync(_compliance, "/api/v1/audit?trader_id=bob")));
    }

    [Fact]
    public async Task Reports_hold_a_traders_own_fills_and_compliance_picks_one_trader_or_all()
    {
        const string Range = "/api/v1/reports/executions?from=2026-11-24&to=2026-11-25";
        var mine = ReportCsv.Parse(await _alice.GetStringAsync(Range + "&format=csv&trader_id=bob"));
        Assert.Equal([_aliceFilled], mine.Fills.Select(r => r["order_id"]));
        var pdf = ReportPdf.Read(await _alice.GetByteArrayAsync(Range + "&format=pdf&trader_id=bob"));
        Assert.Equal([("alice", _aliceFilled)], pdf.Pages.SelectMany(p => p.Rows).Select(r => (r.Trader, r.OrderId)));
        Assert.StartsWith("Trader: alice ", pdf.Pages[0].Lines[1]);

        var everyone = ReportCsv.Parse(await _compliance.GetStringAsync(Range + "&format=csv"));
        Assert.Equal([("alice", _aliceFilled), ("bob", _bobFilled)], everyone.Fills.Select(r => (r["trader_id"], r["order_id"])));
        var bobs = ReportCsv.Parse(await _compliance.GetStringAsync(Range + "&format=csv&trader_id=bob"));
        Assert.Equal([_bobFilled], bobs.Fills.Select(r => r["order_id"]));
    }

    [Fact]
    public async Task Verification_and_metrics_are_for_compliance_only()
    {
        foreach (var url in new[] { "/api/v1/audit/verify", "/api/v1/metrics/summary" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _alice.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _compliance.GetAsync(url)).StatusCode);
        }
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }
}
