// GET /api/v1/metrics/summary on small, known histories: failures lower reliability, venue and
// risk refusals are counted by code, the window selects orders by creation time.
namespace Fillmore.Api.Tests;

using System.Net;

public sealed class MetricsSummaryTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    [Fact]
    public async Task Failures_rejections_denials_and_cancels_are_measured()
    {
        _factory.Settings["Fillmore:Execution:RetryMaxAttempts"] = "0";   // one attempt, then the final check: FAILED at once
        _factory.TestServices = services => FlakyVenue.Install(services, "TSLA");
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var filled = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        var failed = (await (await alice.SubmitAsync(new { symbol = "TSLA", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        var resting = (await (await alice.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 1, order_type = "LIMIT", price = 390.00m })).JsonAsync()).Id();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await alice.SubmitAsync(new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET" })).StatusCode);
        await alice.WaitForStatusAsync(filled, "FILLED");
        await alice.WaitForStatusAsync(failed, "FAILED");
        await alice.WaitForStatusAsync(resting, "PENDING");
        await alice.PostAsync($"/api/v1/orders/{resting}/cancel", null);
        await alice.WaitForStatusAsync(resting, "CANCELLED");
        // The legacy path sends a halted symbol to the venue, which rejects it.
        await _factory.ClientFor(FillmoreFactory.Admin).PutAsync("/api/v1/admin/execution-flag",
            System.Net.Http.Json.JsonContent.Create(new { value = "off" }));
        var rejected = (await (await alice.SubmitAsync(new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(rejected, "REJECTED");

        var m = await (await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/metrics/summary")).JsonAsync();
        Assert.Equal(5, m.GetProperty("orders_submitted").GetInt64());
        var reliability = m.GetProperty("execution_reliability");
        Assert.Equal((4L, 1L, 75.0), (reliability.GetProperty("orders_sent").GetInt64(), reliability.GetProperty("orders_failed").GetInt64(), reliability.GetProperty("percent").GetDouble()));
        Assert.Equal(("SYMBOL_HALTED", 1L), (m.GetProperty("risk_rejections")[0].Str("code"), m.GetProperty("risk_rejections")[0].GetProperty("orders").GetInt64()));
        Assert.Equal("SYMBOL_HALTED", m.GetProperty("venue_rejections")[0].Str("code"));
        Assert.Equal((2L, 1L), (m.GetProperty("submit_to_confirm_ms").GetProperty("samples").GetInt64(), m.GetProperty("cancel_to_confirm_ms").GetProperty("samples").GetInt64()));
        Assert.Equal((0L, 1.0), (m.GetProperty("duplicates").GetProperty("orders").GetInt64(), m.GetProperty("audit_completeness").GetProperty("ratio").GetDouble()));
        Assert.Equal(["CANCELLED", "DENIED", "FAILED", "FILLED", "REJECTED"], m.GetProperty("orders_by_status").EnumerateArray().Select(s => s.Str("code")).Order());
    }

    [Fact]
    public async Task The_window_selects_orders_by_creation_time_and_bad_bounds_are_refused()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        await alice.SubmitAsync(new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET" });
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        var empty = await (await compliance.GetAsync("/api/v1/metrics/summary?from=2026-11-25")).JsonAsync();
        Assert.Equal(0, empty.GetProperty("orders_submitted").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("execution_reliability").GetProperty("percent").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("audit_completeness").GetProperty("ratio").ValueKind);
        var day = await (await compliance.GetAsync("/api/v1/metrics/summary?from=2026-11-24&to=2026-11-25")).JsonAsync();
        Assert.Equal((1L, "2026-11-24T00:00:00Z"), (day.GetProperty("orders_submitted").GetInt64(), day.Str("from")));

        var bad = await compliance.GetAsync("/api/v1/metrics/summary?from=monday&to=2026-11-24T25:00");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["FROM_INVALID", "TO_INVALID"], (await bad.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.Str("code")));
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/api/v1/metrics/summary")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
