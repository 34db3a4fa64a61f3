// SMART splitting an order across venues when no venue shows its size (issue 18): three paper venues
// whose quotes, displayed sizes and fees the test sets. The parent is the trader's order (venue
// SMART), each venue's part a ROUTE leg; the parent's filled quantity is the sum of its legs' and its
// average price their volume-weighted average; cancelling it cancels what is left of every leg; it
// cannot be amended.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Api.Hosting;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.DependencyInjection;

public sealed class SplitRoutingTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();
    private readonly HttpClient _alice;
    private readonly HttpClient _admin;

    public SplitRoutingTests()
    {
        var s = _factory.Settings;
        ThreeVenues.Configure(s);
        ThreeVenues.ShowSizes(s);
        _alice = _factory.ClientFor(FillmoreFactory.Alice);
        _admin = _factory.ClientFor(FillmoreFactory.Admin);
    }

    public void Dispose() => _factory.Dispose();


    [Fact]
    public async Task An_order_no_venue_shows_is_split_best_price_first_and_the_parent_is_the_sum_of_its_legs()
    {
        await _admin.QuoteAsync();
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "MARKET" });
        Assert.Equal("SMART", order.Str("venue"));
        var filled = await _alice.WaitForStatusAsync(order.Id(), "FILLED");
        var legs = ThreeVenues.Legs(filled);
        Assert.Equal(["ARCA", "BATS", "SIM"], legs.Keys.Order());
        Assert.All(legs.Values, l => Assert.Equal(("ROUTE", order.Id(), "FILLED"), (l.Str("leg_role"), l.Str("parent_order_id"), l.Str("status"))));
        Assert.Equal((40L, 30L, 30L), (legs["ARCA"].GetProperty("quantity").GetInt64(), legs["SIM"].GetProperty("quantity").GetInt64(),
            legs["BATS"].GetProperty("quantity").GetInt64()));
        // The parent's average is the volume-weighted average of every fill of its legs.
        var fills = new List<(long Quantity, decimal Price)>();
        foreach (var leg in legs.Values)
            foreach (var f in (await _alice.GetOrderAsync(leg.Id())).GetProperty("fills").EnumerateArray())
                fills.Add((f.GetProperty("quantity_filled").GetInt64(), f.GetProperty("price_at_fill").GetDecimal()));
        Assert.Equal(100, fills.Sum(f => f.Quantity));
        Assert.Equal(fills.Sum(f => f.Quantity * f.Price) / 100, filled.GetProperty("average_fill_price").GetDecimal());
        Assert.Equal(190.026m, filled.GetProperty("average_fill_price").GetDecimal());
        Assert.Equal(100, filled.GetProperty("filled_quantity").GetInt64());

        var routing = await (await _alice.GetAsync($"/api/v1/orders/{order.Id()}/routing")).JsonAsync();
        Assert.Equal([("ARCA", 40L), ("SIM", 30L), ("BATS", 30L)],
            routing.GetProperty("allocations").EnumerateArray().Select(a => (a.Str("venue"), a.GetProperty("quantity").GetInt64())));
        Assert.StartsWith("Split: no venue shows 100; 40 to ARCA, 30 to SIM, 30 to BATS.", routing.Str("reason"));
        var account = await (await _alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal((100L, 0m), (account.GetProperty("positions")[0].GetProperty("quantity").GetInt64(), account.GetProperty("reserved").GetDecimal()));
    }

    [Fact]
    public async Task Cancelling_a_split_order_cancels_what_is_left_of_every_leg_and_keeps_what_filled()
    {
        await _admin.QuoteAsync();
        // 40 + 30 + 50 shown; the other 30 go to ARCA, the best, where they wait for its next quote.
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 150, order_type = "MARKET" });
        await Wait.UntilAsync(async () => (await _alice.GetOrderAsync(order.Id())).GetProperty("filled_quantity").GetInt64() == 120,
            "the three venues' shown sizes filled");
        var amend = await _alice.PatchAsJsonAsync($"/api/v1/orders/{order.Id()}", new { quantity = 200 });
        Assert.Equal((HttpStatusCode.Conflict, "AMEND_NOT_SUPPORTED"), (amend.StatusCode, (await amend.JsonAsync()).Str("code")));

        var cancel = await _alice.PostAsync($"/api/v1/orders/{order.Id()}/cancel", null);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        var cancelled = await _alice.WaitForStatusAsync(order.Id(), "CANCELLED");
        var legs = ThreeVenues.Legs(cancelled);
        Assert.Equal(("CANCELLED", 40L, 70L), (legs["ARCA"].Str("status"), legs["ARCA"].GetProperty("filled_quantity").GetInt64(),
            legs["ARCA"].GetProperty("quantity").GetInt64()));
        Assert.Equal(120, cancelled.GetProperty("filled_quantity").GetInt64());
        Assert.Equal(legs.Values.Sum(l => l.GetProperty("filled_quantity").GetInt64()), cancelled.GetProperty("filled_quantity").GetInt64());
        var account = await (await _alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal((120L, 0m), (account.GetProperty("positions")[0].GetProperty("quantity").GetInt64(), account.GetProperty("reserved").GetDecimal()));
    }

    [Fact]
    public async Task An_order_one_venue_shows_is_not_split_and_a_named_venue_never_is()
    {
        await _admin.QuoteAsync();
        var small = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 20, order_type = "MARKET" });
        Assert.Equal("ARCA", small.Str("venue"));
        var named = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "MARKET", venue = "SIM" });
        Assert.Equal("SIM", named.Str("venue"));
        var fok = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "LIMIT", price = 191m, time_in_force = "FOK" });
        Assert.NotEqual("SMART", fok.Str("venue"));                  // all or none is never split
    }
}
