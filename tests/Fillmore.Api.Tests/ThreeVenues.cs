// The three paper venues the routing tests trade on: SIM (the primary), ARCA and BATS, with SMART the
// default. SIM charges takers 0.03 a share, ARCA 0.002; QuoteAsync puts the asks at SIM 190.01,
// ARCA 190.02 and BATS 190.05 (spread two ticks), so SIM quotes best and ARCA is cheapest after fees.
namespace Fillmore.Api.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Api.Hosting;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.DependencyInjection;

public static class ThreeVenues
{
    public static void Configure(IDictionary<string, string?> settings)
    {
        settings["Fillmore:Venues:Paper:0:Name"] = "ARCA";
        settings["Fillmore:Venues:Paper:1:Name"] = "BATS";
        settings["Fillmore:Venues:Fees:SIM:TakerPerShare"] = "0.03";
        settings["Fillmore:Venues:Fees:ARCA:TakerPerShare"] = "0.002";
        settings["Fillmore:Routing:DefaultVenue"] = "SMART";
    }

    /// <summary>Each venue shows a size at its quote: SIM 30, ARCA 40, BATS 50 (what SMART splits by).</summary>
    public static void ShowSizes(IDictionary<string, string?> settings)
    {
        settings["Fillmore:SimulatedVenue:DisplayedSize"] = "30";
        settings["Fillmore:Venues:Paper:0:DisplayedSize"] = "40";
        settings["Fillmore:Venues:Paper:1:DisplayedSize"] = "50";
    }

    public static async Task QuoteAsync(this HttpClient admin)
    {
        await admin.PriceAsync("SIM", 190.00m);
        await admin.PriceAsync("ARCA", 190.01m);
        await admin.PriceAsync("BATS", 190.04m);
    }

    public static async Task PriceAsync(this HttpClient admin, string venue, decimal mid)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/prices", new { symbol = "AAPL", price = mid, venue });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The paper venue of this name in the service: SIM (the primary) or one of Fillmore:Venues:Paper.</summary>
    public static SimulatedVenue Paper(this FillmoreFactory factory, string name) =>
        name == "SIM" ? factory.Venue : factory.Services.GetRequiredService<PaperVenues>().All.Single(v => v.Name == name);

    /// <summary>A SMART order's parts, by venue.</summary>
    public static Dictionary<string, JsonElement> Legs(JsonElement order) =>
        order.GetProperty("legs").EnumerateArray().ToDictionary(l => l.Str("venue"));

    /// <summary>An order's audit entries, oldest first.</summary>
    public static async Task<List<JsonElement>> AuditAsync(this HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data").EnumerateArray()
            .ToList();
}
