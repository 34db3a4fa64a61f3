// An IOC's remainder re-routed by SMART (issue 18): three paper venues with still quotes (no random
// walk), ARCA answering a second after an order reaches it (on the test's clock), so its price can
// move away first. What ARCA does not fill goes to the best venue not yet tried, once; a venue where
// an IOC cannot fill at once is never tried; the order ends with what its parts filled.
namespace Fillmore.Api.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;

public sealed class IocRerouteTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();
    private readonly HttpClient _alice;
    private readonly HttpClient _admin;

    public IocRerouteTests()
    {
        var s = _factory.Settings;
        ThreeVenues.Configure(s);
        ThreeVenues.ShowSizes(s);
        // Still quotes, and ARCA answering a second after an order reaches it (on the test's clock).
        s["Fillmore:SimulatedVenue:VolatilityBps"] = "0";
        s["Fillmore:Venues:Paper:0:VolatilityBps"] = "0";
        s["Fillmore:Venues:Paper:1:VolatilityBps"] = "0";
        s["Fillmore:Venues:Paper:0:Latency"] = "00:00:01";
        _alice = _factory.ClientFor(FillmoreFactory.Alice);
        _admin = _factory.ClientFor(FillmoreFactory.Admin);
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_ioc_remainder_a_venue_did_not_fill_goes_to_the_next_venue_once_and_never_back()
    {
        await _admin.QuoteAsync();
        // ARCA shows the 40 and is cheapest after fees; BATS (190.05) is above the limit, where an IOC cannot fill.
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 40, order_type = "LIMIT", price = 190.03m, time_in_force = "IOC" });
        Assert.Equal("SMART", order.Str("venue"));
        var arca = _factory.Paper("ARCA");
        await Wait.UntilAsync(() => arca.Arrived.Count == 1, "the IOC's part reached ARCA");
        var moved = await _admin.PostAsJsonAsync("/api/v1/admin/prices", new { symbol = "AAPL", price = 200.00m, venue = "ARCA" });
        Assert.True(moved.IsSuccessStatusCode);
        _factory.Time.Advance(TimeSpan.FromSeconds(1));                  // ARCA answers: nothing at 190.03 any more

        var ended = await _alice.WaitForStatusAsync(order.Id(), "CANCELLED");
        var legs = ThreeVenues.Legs(ended);
        // SIM took what it showed (30 at 190.01); the last 10 had nowhere left to fill at once.
        Assert.Equal(["ARCA", "SIM"], legs.Keys.Order());
        Assert.Equal(("CANCELLED", 0L, 40L), (legs["ARCA"].Str("status"), legs["ARCA"].GetProperty("filled_quantity").GetInt64(),
            legs["ARCA"].GetProperty("quantity").GetInt64()));
        Assert.Equal((30L, 40L, 190.01m), (legs["SIM"].GetProperty("filled_quantity").GetInt64(), legs["SIM"].GetProperty("quantity").GetInt64(),
            legs["SIM"].GetProperty("average_fill_price").GetDecimal()));
        Assert.Equal((30L, "CHILDREN_ENDED"), (ended.GetProperty("filled_quantity").GetInt64(),
            (await _alice.AuditAsync(order.Id())).Last(e => e.Str("action") == "CANCELLED").Str("error_code")));
        var routed = (await _alice.AuditAsync(order.Id())).Where(e => e.Str("action") == "ROUTED").ToList();
        Assert.Equal(2, routed.Count);
        Assert.StartsWith("{\"venue\":\"SIM\",\"reason\":\"Re-routed: 40 left unfilled by ARCA to SIM.", routed[1].Str("reason"));
        Assert.Single(arca.Arrived);
    }
}
