// A SMART order Fillmore holds (a stop its venues cannot hold themselves) is routed again when it
// triggers, with the quotes, fees and health of that moment (docs/routing.md): accepted at the venue
// cheapest after fees, released to the next best when that venue is halted by then, the second decision
// on record before the release and on GET /api/v1/orders/{id}/routing, and sent to that venue only.
// An order that named its venue stays with it.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using Fillmore.Api.Hosting;
using Fillmore.Core.Orders;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.DependencyInjection;

public sealed class HeldRoutingTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();
    private readonly HttpClient _alice;
    private readonly HttpClient _admin;

    public HeldRoutingTests()
    {
        var s = _factory.Settings;
        ThreeVenues.Configure(s);
        // No venue holds stops: Fillmore holds them and releases them as MARKET orders.
        s["Fillmore:SimulatedVenue:NativeStops"] = "false";
        s["Fillmore:Venues:Paper:0:NativeStops"] = "false";
        s["Fillmore:Venues:Paper:1:NativeStops"] = "false";
        _alice = _factory.ClientFor(FillmoreFactory.Alice);
        _admin = _factory.ClientFor(FillmoreFactory.Admin);
    }

    public void Dispose() => _factory.Dispose();


    private static object Stop(string? venue = null) =>
        new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "STOP", stop_price = 195m, venue };

    // Every venue's ask past the stop: SIM 196.01 + 0.03 fee, ARCA 196.02 + 0.002, BATS 196.05.
    private async Task PricesPastTheStopAsync()
    {
        await _admin.PriceAsync("SIM", 196.00m);
        await _admin.PriceAsync("ARCA", 196.01m);
        await _admin.PriceAsync("BATS", 196.04m);
    }

    [Fact]
    public async Task A_held_smart_stop_is_routed_again_at_its_trigger_around_the_venue_halted_since()
    {
        await _admin.QuoteAsync();
        var held = await _alice.SubmitOkAsync(Stop());
        Assert.Equal(("HELD", "ARCA"), (held.Str("status"), held.Str("venue")));   // ARCA: cheapest after fees
        var halt = await _admin.PutAsJsonAsync("/api/v1/admin/venues/ARCA/halt", new { halted = true, reason = "maintenance" });
        Assert.Equal(HttpStatusCode.OK, halt.StatusCode);

        await PricesPastTheStopAsync();
        var filled = await _alice.WaitForStatusAsync(held.Id(), "FILLED");

        Assert.Equal("SIM", filled.Str("venue"));
        Assert.Equal("SIM", Assert.Single(filled.GetProperty("fills").EnumerateArray()).Str("venue"));
        Assert.True(OrderId.TryParse(held.Id(), out var id));
        Assert.Equal((1, false, false), (_factory.Paper("SIM").Submissions.GetValueOrDefault(id),
            _factory.Paper("ARCA").Submissions.ContainsKey(id), _factory.Paper("BATS").Submissions.ContainsKey(id)));
        var trail = await _alice.AuditAsync(held.Id());
        var actions = trail.Select(e => e.Str("action")).ToList();
        var routedAgain = actions.LastIndexOf("ROUTED");
        Assert.True(actions.IndexOf("ROUTED") < actions.IndexOf("TRIGGERED"), string.Join(",", actions));
        Assert.Equal(("ROUTED", "RELEASED", "SIM"),
            (actions[routedAgain], actions[routedAgain + 1], trail[routedAgain].Str("venue")));
        var routing = await (await _alice.GetAsync($"/api/v1/orders/{held.Id()}/routing")).JsonAsync();
        Assert.Equal(("SIM", true), (routing.Str("venue"), routing.GetProperty("smart").GetBoolean()));
        var considered = routing.GetProperty("considered").EnumerateArray().ToDictionary(o => o.Str("venue"));
        Assert.Equal(("halted (maintenance)", ""), (considered["ARCA"].Str("excluded"), considered["SIM"].Str("excluded")));
        Assert.Equal(196.01m, considered["SIM"].GetProperty("ask").GetDecimal());   // the quotes at the trigger
    }

    [Fact]
    public async Task A_held_stop_that_named_its_venue_is_released_there_and_nowhere_else()
    {
        await _admin.QuoteAsync();
        var held = await _alice.SubmitOkAsync(Stop("BATS"));
        Assert.Equal(("HELD", "BATS"), (held.Str("status"), held.Str("venue")));

        await PricesPastTheStopAsync();
        var filled = await _alice.WaitForStatusAsync(held.Id(), "FILLED");

        Assert.Equal("BATS", Assert.Single(filled.GetProperty("fills").EnumerateArray()).Str("venue"));
        Assert.Equal(1, (await _alice.AuditAsync(held.Id())).Count(e => e.Str("action") == "RELEASED"));
        Assert.DoesNotContain(await _alice.AuditAsync(held.Id()), e => e.Str("action") == "ROUTED");
    }
}
