// ORDER_EXECUTION_V2_ENABLED: v2 validates against risk rules and denies without sending; the
// legacy path does basic field checks and a single direct submit. Both persist first and audit,
// and the audit records which path handled the order.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using Fillmore.Core.Orders;

public sealed class ExecutionPathTests
{
    private static readonly object HaltedOrder = new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET" };

    [Fact]
    public async Task On_a_risk_refusal_is_persisted_as_denied_and_never_sent()
    {
        using var factory = new FillmoreFactory(executionV2: "on");
        factory.Settings["Fillmore:Execution:SendConcurrency"] = "1";   // one sender: orders reach the venue in the order they were queued
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        var response = await alice.SubmitAsync(HaltedOrder);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("SYMBOL_HALTED", (await response.JsonAsync()).Str("code"));

        var denied = Assert.Single((await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(("DENIED", "Trading in HALT is halted."), (denied.Str("status"), denied.Str("reason")));
        var audit = (await (await alice.GetAsync($"/api/v1/orders/{denied.Id()}/audit")).JsonAsync()).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["SUBMITTED", "DENIED"], audit.Select(e => e.Str("action")));
        Assert.Equal("SYMBOL_HALTED", audit[1].Str("error_code"));
        // The barrier: an order accepted after the denial has reached the venue, so a queued denial would have too.
        var later = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(later, "FILLED");
        Assert.True(factory.Venue.Submissions.ContainsKey(new OrderId(Guid.Parse(later))));
        Assert.False(factory.Venue.Submissions.ContainsKey(new OrderId(Guid.Parse(denied.Id()))));
    }

    [Fact]
    public async Task Off_the_legacy_path_sends_once_and_the_venue_decides()
    {
        using var factory = new FillmoreFactory(executionV2: "off");
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        var response = await alice.SubmitAsync(HaltedOrder);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).Id();
        var rejected = await alice.WaitForStatusAsync(id, "REJECTED");
        Assert.Equal("LEGACY", rejected.Str("execution_path"));
        var audit = (await (await alice.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["SUBMITTED", "EXECUTED", "REJECTED"], audit.Select(e => e.Str("action")));
        Assert.All(audit, e => Assert.Equal("LEGACY", e.Str("execution_path")));
        Assert.Equal("SYMBOL_HALTED", audit[2].Str("error_code"));
        Assert.Equal(1, factory.Venue.Submissions[new OrderId(Guid.Parse(id))]);
    }

    [Fact]
    public async Task An_admin_can_switch_the_flag_at_run_time_and_every_trader_follows_at_once()
    {
        using var factory = new FillmoreFactory(executionV2: "on");
        var admin = factory.ClientFor(FillmoreFactory.Admin);
        var off = await admin.PutAsJsonAsync("/api/v1/admin/execution-flag", new { value = "off" });
        Assert.Equal("off", (await off.JsonAsync()).Str("value"));
        foreach (var key in new[] { FillmoreFactory.Alice, FillmoreFactory.Bob })
        {
            var created = await factory.ClientFor(key).SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m });
            Assert.Equal("LEGACY", (await created.JsonAsync()).Str("execution_path"));
        }
        var bad = await admin.PutAsJsonAsync("/api/v1/admin/execution-flag", new { value = "sometimes" });
        Assert.Equal((HttpStatusCode.BadRequest, "FLAG_VALUE_INVALID"), (bad.StatusCode, (await bad.JsonAsync()).Str("code")));
    }

    [Fact]
    public async Task A_percentage_splits_traders_stickily()
    {
        using var factory = new FillmoreFactory(executionV2: "50%");
        var expected = new Core.Execution.ExecutionFlag(50).PathFor(new TraderId("alice"));
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        for (var i = 0; i < 3; i++)
        {
            var created = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m });
            Assert.Equal(ApiNames.Of(expected), (await created.JsonAsync()).Str("execution_path"));
        }
    }
}
