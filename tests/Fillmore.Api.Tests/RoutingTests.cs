// Several venues and the SMART router end to end (issue 18): three paper venues in the service, each
// with quotes and fees the test sets. The router picks the cheapest after fees (not the cheapest
// before them), goes around a halted and a disconnected venue, keeps its rationale in the audit
// trail and on GET /api/v1/orders/{id}/routing, puts order.routed on the stream, sends each order
// only to its venue, and refuses an unknown venue, a venue the trader may not use, and SMART with
// nowhere to go, each with its code and the usable venues.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Api.Hosting;
using Fillmore.Core.Orders;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.DependencyInjection;

public sealed class RoutingTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();
    private readonly HttpClient _alice;
    private readonly HttpClient _admin;

    public RoutingTests()
    {
        var s = _factory.Settings;
        // SIM shows the best ask but charges the most; ARCA is cheapest after fees; BATS is free but dearer.
        ThreeVenues.Configure(s);
        s["Fillmore:Venues:Paper:1:Seed"] = "7";
        s["Fillmore:Venues:Fees:ARCA:MakerRebatePerShare"] = "0.001";
        s["Fillmore:Venues:Fees:BATS:MakerRebatePerShare"] = "0.003";
        s["Fillmore:Routing:Allowed:bob:0"] = "SIM";
        _alice = _factory.ClientFor(FillmoreFactory.Alice);
        _admin = _factory.ClientFor(FillmoreFactory.Admin);
    }

    public void Dispose() => _factory.Dispose();


    private async Task<List<string>> AuditOf(string id) =>
        (await _alice.AuditAsync(id)).Select(e => e.Str("action")).ToList();

    private async Task<JsonElement> RoutingOf(string id) =>
        await (await _alice.GetAsync($"/api/v1/orders/{id}/routing")).JsonAsync();

    [Fact]
    public async Task Smart_picks_the_cheapest_venue_after_fees_not_the_best_quote_and_fills_only_there()
    {
        await _admin.QuoteAsync();
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "MARKET" });
        Assert.Equal("ARCA", order.Str("venue"));
        var filled = await _alice.WaitForStatusAsync(order.Id(), "FILLED");
        Assert.Equal(190.02m, filled.GetProperty("average_fill_price").GetDecimal());
        Assert.True(OrderId.TryParse(order.Id(), out var id));
        Assert.Equal(1, _factory.Paper("ARCA").Submissions.GetValueOrDefault(id));
        Assert.False(_factory.Paper("SIM").Submissions.ContainsKey(id));
        Assert.False(_factory.Paper("BATS").Submissions.ContainsKey(id));

        var routing = await RoutingOf(order.Id());
        Assert.True(routing.GetProperty("smart").GetBoolean());
        var considered = routing.GetProperty("considered").EnumerateArray().ToDictionary(o => o.Str("venue"));
        Assert.Equal(["ARCA", "BATS", "SIM"], considered.Keys.Order());
        decimal Effective(string venue) => considered[venue].GetProperty("effective_price").GetDecimal();
        Assert.Equal((190.04m, 190.022m, 190.05m), (Effective("SIM"), Effective("ARCA"), Effective("BATS")));
        Assert.Contains("SIM quoted the better price (190.01) but not after fees", routing.Str("reason"));
    }

    [Fact]
    public async Task Without_fees_in_the_way_the_best_quote_wins_and_a_resting_limit_goes_where_the_rebate_is()
    {
        await _admin.QuoteAsync();
        var bought = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET", venue = "SIM" });
        await _alice.WaitForStatusAsync(bought.Id(), "FILLED");
        var sell = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "SELL", quantity = 10, order_type = "LIMIT", price = 185.00m });
        // A marketable sell: best bid after fees. Bids: SIM 189.99 - 0.03, ARCA 190.00 - 0.002, BATS 190.03.
        Assert.Equal("BATS", sell.Str("venue"));
        var resting = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "LIMIT", price = 180.00m });
        Assert.Equal("BATS", resting.Str("venue"));
        var routing = await RoutingOf(resting.Id());
        var bats = routing.GetProperty("considered").EnumerateArray().Single(o => o.Str("venue") == "BATS");
        Assert.Equal(("MAKER", 179.997m), (bats.Str("liquidity"), bats.GetProperty("effective_price").GetDecimal()));
    }

    [Fact]
    public async Task Smart_goes_around_a_halted_and_a_disconnected_venue_and_says_why()
    {
        await _admin.QuoteAsync();
        var halted = await _admin.PutAsJsonAsync("/api/v1/admin/venues/ARCA/halt", new { halted = true, reason = "maintenance" });
        Assert.Equal(HttpStatusCode.OK, halted.StatusCode);
        _factory.Paper("SIM").DisconnectStream();
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "MARKET" });
        Assert.Equal("BATS", order.Str("venue"));
        var considered = (await RoutingOf(order.Id())).GetProperty("considered").EnumerateArray().ToDictionary(o => o.Str("venue"));
        Assert.Equal(("halted (maintenance)", "not connected", ""),
            (considered["ARCA"].Str("excluded"), considered["SIM"].Str("excluded"), considered["BATS"].Str("excluded")));
        Assert.False(considered["ARCA"].GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task A_named_venue_is_used_as_named_and_its_routing_says_so()
    {
        await _admin.QuoteAsync();
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 3, order_type = "MARKET", venue = "bats" });
        Assert.Equal("BATS", order.Str("venue"));
        await _alice.WaitForStatusAsync(order.Id(), "FILLED");
        var routing = await RoutingOf(order.Id());
        Assert.Equal((false, 0), (routing.GetProperty("smart").GetBoolean(), routing.GetProperty("considered").GetArrayLength()));
    }

    [Fact]
    public async Task Bad_venues_are_refused_with_a_code_and_the_usable_venues()
    {
        await _admin.QuoteAsync();
        var unknown = await _alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", venue = "NYSE" });
        var problem = await unknown.JsonAsync();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "UNKNOWN_VENUE"), (unknown.StatusCode, problem.Str("code")));
        Assert.Contains("SIM, ARCA, BATS, SMART", problem.GetProperty("errors")[0].Str("suggestion"));

        var bob = _factory.ClientFor(FillmoreFactory.Bob);
        var notAllowed = await bob.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", venue = "ARCA" });
        var refusal = await notAllowed.JsonAsync();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "VENUE_NOT_ALLOWED"), (notAllowed.StatusCode, refusal.Str("code")));
        Assert.Contains("SIM, SMART", refusal.GetProperty("errors")[0].Str("suggestion"));
        // SMART for bob only considers SIM.
        var bobs = await bob.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        Assert.Equal("SIM", (await bobs.JsonAsync()).Str("venue"));

        foreach (var name in new[] { "SIM", "ARCA", "BATS" })
            await _admin.PutAsJsonAsync($"/api/v1/admin/venues/{name}/halt", new { halted = true, reason = "drill" });
        var nowhere = await _alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        var none = await nowhere.JsonAsync();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "NO_VENUE_AVAILABLE"), (nowhere.StatusCode, none.Str("code")));
        Assert.Contains("ARCA: halted (drill)", none.Str("detail"));
        // The denial is stored with the router's rationale.
        var denied = none.GetProperty("order_id").GetString()!;
        Assert.True((await RoutingOf(denied)).GetProperty("smart").GetBoolean());
    }

    [Fact]
    public async Task The_stream_carries_the_routed_event_and_the_venues_list_shows_fees()
    {
        await _admin.QuoteAsync();
        var order = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 2, order_type = "MARKET" });
        var events = await (await _alice.GetAsync("/api/v1/events?after=0")).JsonAsync();
        var routed = events.GetProperty("data").EnumerateArray().Single(e => e.Str("order_id") == order.Id() && e.Str("event") == "order.routed");
        Assert.StartsWith("SMART routed it to ARCA. ARCA: best effective price 190.022", routed.Str("reason"));
        var venues = await (await _alice.GetAsync("/api/v1/venues")).JsonAsync();
        Assert.Equal("SMART", venues.Str("default_venue"));
        var sim = venues.GetProperty("data").EnumerateArray().Single(v => v.Str("name") == "SIM");
        Assert.Equal(0.03m, sim.GetProperty("fees").GetProperty("taker_per_share").GetDecimal());
    }

    [Fact]
    public async Task The_execution_report_shows_fills_fees_and_price_improvement_per_venue_when_asked()
    {
        await _admin.QuoteAsync();
        var smart = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "MARKET" });
        var named = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET", venue = "BATS" });
        await _alice.WaitForStatusAsync(smart.Id(), "FILLED");
        await _alice.WaitForStatusAsync(named.Id(), "FILLED");
        const string Day = "/api/v1/reports/executions?from=2026-11-24&to=2026-11-25";

        var plain = await _alice.GetStringAsync(Day + "&format=csv");
        Assert.Equal(2, plain.Split("\r\n\r\n").Length);              // without routing=true, the report as it always was
        var sections = (await _alice.GetStringAsync(Day + "&format=csv&routing=true")).Split("\r\n\r\n");
        Assert.Equal(3, sections.Length);
        var rows = sections[2].Trim().Split("\r\n").Select(l => l.Split(',')).ToList();
        Assert.Equal(string.Join(",", Reports.ExecutionsCsv.VenueColumns), string.Join(",", rows[0]));
        var arca = rows.Single(r => r[1] == "ARCA");
        var bats = rows.Single(r => r[1] == "BATS");
        // SMART paid ARCA's 190.02 when SIM quoted 190.01 (it saved 0.028 a share in fees): -0.01 x 100.
        Assert.Equal(("AAPL", "1", "100", "1", "-1"), (arca[0], arca[2], arca[3], arca[6], arca[7]));
        Assert.Equal(("1", "10", "0", "0"), (bats[2], bats[3], bats[6], bats[7]));
        Assert.Equal(("TOTAL", "2", "110"), (rows[^1][0], rows[^1][2], rows[^1][3]));

        var pdf = await _alice.GetByteArrayAsync(Day + "&format=pdf&routing=true");
        var text = string.Join("\n", ReportPdf.Read(pdf).Pages.SelectMany(p => p.Lines));
        Assert.Contains("Routing by venue", text);
        var bad = await _alice.GetAsync(Day + "&routing=maybe");
        Assert.Equal((HttpStatusCode.BadRequest, "FORMAT_INVALID"),
            (bad.StatusCode, (await bad.JsonAsync()).GetProperty("errors")[0].Str("code")));
    }

    [Fact]
    public async Task A_venue_that_stops_answering_takes_only_its_own_orders_into_doubt_and_the_others_fill()
    {
        await _admin.QuoteAsync();
        // ARCA takes and fills orders, but its answers, reports and status answers are all lost.
        _factory.Paper("ARCA").SetFaults(new SimulatedFaults { DropResponse = 1, DropReport = 1, QueryFailure = 1 });
        var atArca = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET", venue = "ARCA" });
        var atSim = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "MARKET", venue = "SIM" });
        var atBats = await _alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 3, order_type = "MARKET", venue = "BATS" });
        Assert.Equal(190.01m, (await _alice.WaitForStatusAsync(atSim.Id(), "FILLED")).GetProperty("average_fill_price").GetDecimal());
        Assert.Equal(190.05m, (await _alice.WaitForStatusAsync(atBats.Id(), "FILLED")).GetProperty("average_fill_price").GetDecimal());
        // ARCA's order runs its retries out (1 s, 2 s, 4 s) and stays in doubt; nothing else is touched.
        foreach (var (wait, retries) in new[] { (1, 1), (2, 2), (4, 3) })
        {
            await Wait.UntilAsync(async () => (await AuditOf(atArca.Id())).Count(a => a == "RETRY_SCHEDULED") >= retries,
                $"retry {retries} of the order at ARCA is scheduled");
            _factory.Time.Advance(TimeSpan.FromSeconds(wait));
        }
        await Wait.UntilAsync(async () => (await AuditOf(atArca.Id())).Contains("ANOMALY"), "the order at ARCA is in doubt");
        var doubtful = await _alice.GetOrderAsync(atArca.Id());
        Assert.Equal(("PENDING_SUBMIT", JsonValueKind.String), (doubtful.Str("status"), doubtful.GetProperty("in_doubt_since").ValueKind));
        Assert.Equal(1, (await _alice.GetOrderAsync(atSim.Id())).GetProperty("fills").GetArrayLength());

        _factory.Paper("ARCA").SetFaults(SimulatedFaults.None);                  // ARCA answers again
        _factory.Time.Advance(TimeSpan.FromSeconds(5));                 // the reconciler's next round asks it
        var recovered = await _alice.WaitForStatusAsync(atArca.Id(), "FILLED");
        Assert.Equal((190.02m, 1), (recovered.GetProperty("average_fill_price").GetDecimal(), recovered.GetProperty("fills").GetArrayLength()));
        Assert.True(OrderId.TryParse(atArca.Id(), out var arcaId));
        Assert.Equal((1, false, false), (_factory.Paper("ARCA").Submissions[arcaId], _factory.Paper("SIM").Submissions.ContainsKey(arcaId),
            _factory.Paper("BATS").Submissions.ContainsKey(arcaId)));
        var position = (await (await _alice.GetAsync("/api/v1/account")).JsonAsync()).GetProperty("positions")[0];
        Assert.Equal(18, position.GetProperty("quantity").GetInt64());
    }
}
