// Each fault class of the simulated venue, seen through the API: the engine retries (asking the
// venue first), reconciles, and never leaves a duplicate at the venue or a fill counted twice.
// Time is the host's FakeTimeProvider: retries (1 s, 2 s, 4 s) fire when a test advances it.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Text.Json;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Microsoft.Extensions.DependencyInjection;
using Fillmore.Venues.Simulated;

public sealed class RecoveryTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();
    private readonly HttpClient _alice;

    public RecoveryTests() => _alice = _factory.ClientFor(FillmoreFactory.Alice);

    public void Dispose() => _factory.Dispose();

    private static readonly object MarketBuy = new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" };

    private async Task<string> SubmitAsync(object order)
    {
        var response = await _alice.SubmitAsync(order);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).Id();
    }

    private async Task<List<JsonElement>> AuditAsync(string id) =>
        (await (await _alice.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data").EnumerateArray().ToList();

    /// <summary>Waits (real time, bounded) until the audit trail holds an entry with this action.</summary>
    private async Task<List<JsonElement>> AwaitActionAsync(string id, string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var trail = await AuditAsync(id);
            if (trail.Any(e => e.Str("action") == action)) return trail;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"No {action} for {id}: {string.Join(",", trail.Select(e => e.Str("action")))}");
            await Task.Delay(10);
        }
    }

    private int Submissions(string id) => _factory.Venue.Submissions.GetValueOrDefault(new OrderId(Guid.Parse(id)));

    [Fact]
    public async Task A_response_lost_in_transit_is_recovered_by_asking_the_venue_and_never_sent_twice()
    {
        // The venue takes the order, but its answer and its fill report are both lost.
        _factory.Venue.SetFaults(new SimulatedFaults { DropResponse = 1, DropReport = 1 });
        var id = await SubmitAsync(MarketBuy);
        await AwaitActionAsync(id, "RETRY_SCHEDULED");
        _factory.Venue.SetFaults(SimulatedFaults.None);                 // the connection comes back
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, Submissions(id));
        var trail = await AuditAsync(id);
        var executed = Assert.Single(trail, e => e.Str("action") == "EXECUTED");
        Assert.Equal(("RESPONSE_LOST", "0"), (executed.Str("error_code"), executed.Str("retry_attempt")));
        Assert.Contains(trail, e => e.Str("action") == "RECOVERED");
        Assert.Equal(1, (await _alice.GetOrderAsync(id)).GetProperty("fills").GetArrayLength());
    }

    [Fact]
    public async Task A_lost_request_is_resent_after_the_venue_says_it_does_not_have_it()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { DropRequest = 1 });
        var id = await SubmitAsync(MarketBuy);
        await AwaitActionAsync(id, "RETRY_SCHEDULED");
        _factory.Venue.SetFaults(SimulatedFaults.None);
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, Submissions(id));
        Assert.Equal(["EXECUTED", "EXECUTED"], (await AuditAsync(id)).Where(e => e.Str("action") == "EXECUTED").Select(e => e.Str("action")));
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_backoff()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { Throttle = 1 });
        var id = await SubmitAsync(MarketBuy);
        var trail = await AwaitActionAsync(id, "RETRY_SCHEDULED");
        Assert.Equal("THROTTLED", trail.Single(e => e.Str("action") == "RETRY_SCHEDULED").Str("error_code"));
        _factory.Venue.SetFaults(SimulatedFaults.None);
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        await _alice.WaitForStatusAsync(id, "FILLED");
    }

    [Fact]
    public async Task After_three_retries_a_never_received_order_fails_and_the_trader_can_retry_or_acknowledge()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { DropRequest = 1 });
        var id = await SubmitAsync(MarketBuy);
        foreach (var (wait, retries) in new[] { (1, 1), (2, 2), (4, 3) })
        {
            await AwaitRetriesAsync(id, retries);
            _factory.Time.Advance(TimeSpan.FromSeconds(wait));
        }
        var failed = await _alice.WaitForStatusAsync(id, "FAILED");
        Assert.Contains("never received", failed.Str("reason"));
        var trail = await AuditAsync(id);
        Assert.Equal(["0", "1", "2", "3"], trail.Where(e => e.Str("action") == "EXECUTED").Select(e => e.Str("retry_attempt")));
        Assert.Equal(0, Submissions(id));

        _factory.Venue.SetFaults(SimulatedFaults.None);
        var retry = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, Submissions(id));
        Assert.Contains(await AuditAsync(id), e => e.Str("action") == "RESUBMITTED" && e.Str("actor") == "TRADER");

        var again = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal((HttpStatusCode.Conflict, "ORDER_NOT_FAILED"), (again.StatusCode, (await again.JsonAsync()).Str("code")));
    }

    private async Task AwaitRetriesAsync(string id, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await AuditAsync(id)).Count(e => e.Str("action") == "RETRY_SCHEDULED") < count)
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"fewer than {count} retries scheduled");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task An_acknowledged_failure_is_closed_for_good()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { Throttle = 1 });
        using var legacy = new FillmoreFactory(executionV2: "off");
        legacy.Venue.SetFaults(new SimulatedFaults { Throttle = 1 });
        var client = legacy.ClientFor(FillmoreFactory.Alice);
        var id = (await (await client.SubmitAsync(MarketBuy)).JsonAsync()).Id();
        var failed = await client.WaitForStatusAsync(id, "FAILED");
        Assert.Equal("LEGACY", failed.Str("execution_path"));
        var ack = await client.PostAsync($"/api/v1/orders/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.StartsWith("Acknowledged by the trader", (await ack.JsonAsync()).Str("reason"));
        var retry = await client.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal("ORDER_ACKNOWLEDGED", (await retry.JsonAsync()).Str("code"));
        var trail = (await (await client.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data").EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Equal(["SUBMITTED", "EXECUTED", "FAILED", "FAILURE_ACKNOWLEDGED"], trail);   // legacy: one attempt, no retry
    }

    [Fact]
    public async Task An_unanswerable_order_stays_in_doubt_until_reconciliation_finds_it()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { DropResponse = 1, DropReport = 1, QueryFailure = 1 });
        var id = await SubmitAsync(MarketBuy);
        foreach (var wait in new[] { 1, 2, 4 })
        {
            await AwaitRetriesAsync(id, wait == 1 ? 1 : wait == 2 ? 2 : 3);
            _factory.Time.Advance(TimeSpan.FromSeconds(wait));
        }
        await AwaitActionAsync(id, "ANOMALY");
        var inDoubt = await _alice.GetOrderAsync(id);
        Assert.Equal("PENDING_SUBMIT", inDoubt.Str("status"));
        Assert.StartsWith("In doubt", inDoubt.Str("reason"));

        _factory.Venue.SetFaults(SimulatedFaults.None);
        _factory.Time.Advance(TimeSpan.FromSeconds(5));                // the reconciler's next round
        await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, Submissions(id));
        Assert.Contains(await AuditAsync(id), e => e.Str("action") == "RECONCILED");
    }

    /// <summary>Submits a market buy under <paramref name="faults"/> and runs its retries out: every attempt and the
    /// final question go unanswered, so the order ends in doubt.</summary>
    private async Task<string> InDoubtAsync(SimulatedFaults faults)
    {
        _factory.Venue.SetFaults(faults);
        var id = await SubmitAsync(MarketBuy);
        foreach (var (wait, retries) in new[] { (1, 1), (2, 2), (4, 3) })
        {
            await AwaitRetriesAsync(id, retries);
            _factory.Time.Advance(TimeSpan.FromSeconds(wait));
        }
        await AwaitActionAsync(id, "ANOMALY");
        var order = await _alice.GetOrderAsync(id);
        Assert.Equal("PENDING_SUBMIT", order.Str("status"));
        Assert.Equal(JsonValueKind.String, order.GetProperty("in_doubt_since").ValueKind);
        return id;
    }

    private async Task<decimal> ReservedAsync() =>
        (await (await _alice.GetAsync("/api/v1/account")).JsonAsync()).GetProperty("reserved").GetDecimal();

    [Fact]
    public async Task An_order_in_doubt_acknowledged_by_its_trader_is_closed_and_what_the_venue_did_is_still_recorded()
    {
        // The venue takes the order and fills it, but every answer, report and question is lost.
        var id = await InDoubtAsync(new SimulatedFaults { DropResponse = 1, DropReport = 1, QueryFailure = 1 });
        Assert.True(await ReservedAsync() > 0);
        var ack = await _alice.PostAsync($"/api/v1/orders/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var closed = await ack.JsonAsync();
        Assert.Equal("FAILED", closed.Str("status"));
        Assert.StartsWith("Acknowledged by the trader while in doubt", closed.Str("reason"));
        Assert.Equal(0m, await ReservedAsync());                           // closed: it holds no cash
        var retry = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal((HttpStatusCode.Conflict, "ORDER_ACKNOWLEDGED"), (retry.StatusCode, (await retry.JsonAsync()).Str("code")));
        Assert.Contains(await AuditAsync(id), e => e.Str("action") == "FAILURE_ACKNOWLEDGED" && e.Str("actor") == "TRADER");

        _factory.Venue.SetFaults(SimulatedFaults.None);                // the venue answers again
        _factory.Time.Advance(TimeSpan.FromSeconds(5));                // the reconciler's next round still asks
        var filled = await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, filled.GetProperty("fills").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, filled.GetProperty("in_doubt_since").ValueKind);
        var account = await (await _alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(10, account.GetProperty("positions")[0].GetProperty("quantity").GetInt64());
        Assert.Equal(1, Submissions(id));                               // never sent again
    }

    [Fact]
    public async Task An_order_in_doubt_retried_by_its_trader_is_asked_about_first_and_never_doubled()
    {
        // Nothing reaches the venue and nothing can be asked: in doubt.
        var id = await InDoubtAsync(new SimulatedFaults { DropRequest = 1, QueryFailure = 1 });
        _factory.Venue.SetFaults(new SimulatedFaults { QueryFailure = 1 });
        var blind = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "VENUE_UNAVAILABLE"), (blind.StatusCode, (await blind.JsonAsync()).Str("code")));
        Assert.Equal(0, Submissions(id));

        _factory.Venue.SetFaults(SimulatedFaults.None);                // the venue can say: it does not have it
        var retry = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, Submissions(id));
        Assert.Contains(await AuditAsync(id), e => e.Str("action") == "RESUBMITTED" && e.Str("actor") == "TRADER");
        var again = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal((HttpStatusCode.Conflict, "ORDER_NOT_FAILED"), (again.StatusCode, (await again.JsonAsync()).Str("code")));
    }

    [Fact]
    public async Task An_order_in_doubt_the_venue_turns_out_to_have_is_adopted_on_retry_not_sent_again()
    {
        var id = await InDoubtAsync(new SimulatedFaults { DropResponse = 1, DropReport = 1, QueryFailure = 1 });
        _factory.Venue.SetFaults(SimulatedFaults.None);
        var retry = await _alice.PostAsync($"/api/v1/orders/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, Submissions(id));
    }

    [Fact]
    public async Task Duplicate_fill_reports_count_once()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { DuplicateReport = 1 });
        var id = await SubmitAsync(MarketBuy);
        var order = await _alice.WaitForStatusAsync(id, "FILLED");
        // The barrier: both stream copies of the fill (the answer stated it already) were decided and ignored.
        await Wait.UntilAsync(() => _factory.Services.GetRequiredService<EngineMetrics>().Reports("ignored") >= 2, "both copies of the fill report were ignored");
        Assert.Equal(1, (await _alice.GetOrderAsync(id)).GetProperty("fills").GetArrayLength());
        var account = await (await _alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(10, account.GetProperty("positions")[0].GetProperty("quantity").GetInt64());
        Assert.Equal(10, order.GetProperty("filled_quantity").GetInt64());
    }

    [Fact]
    public async Task A_fill_that_races_a_cancel_is_kept_and_the_rest_is_cancelled()
    {
        var id = await SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "LIMIT", price = 175.00m, time_in_force = "GTC" });
        await _alice.WaitForStatusAsync(id, "PENDING");
        _factory.Venue.SetFaults(new SimulatedFaults { FillOnCancel = 1 });
        Assert.True((await _alice.PostAsync($"/api/v1/orders/{id}/cancel", null)).IsSuccessStatusCode);
        var cancelled = await _alice.WaitForStatusAsync(id, "CANCELLED");
        Assert.Equal(5, cancelled.GetProperty("filled_quantity").GetInt64());
        var account = await (await _alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(5, account.GetProperty("positions")[0].GetProperty("quantity").GetInt64());
        Assert.Equal(0m, account.GetProperty("reserved").GetDecimal());
    }

    [Fact]
    public async Task Reports_lost_while_the_stream_is_down_are_reconciled_after_it_reconnects()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { TerseAnswers = true });   // the answer does not state the fill
        _factory.Venue.DisconnectStream();
        var id = await SubmitAsync(MarketBuy);
        await _alice.WaitForStatusAsync(id, "PENDING");                // acknowledged; the fill report was lost
        _factory.Venue.Reconnect();
        var filled = await _alice.WaitForStatusAsync(id, "FILLED");
        Assert.Equal(1, filled.GetProperty("fills").GetArrayLength());
        Assert.Equal(1, Submissions(id));
    }

    [Fact]
    public async Task A_venue_restart_loses_reports_in_transit_and_reconciliation_recovers_them()
    {
        _factory.Venue.SetFaults(new SimulatedFaults { ReorderReport = 1, TerseAnswers = true });   // every report is held back ...
        var id = await SubmitAsync(MarketBuy);
        await _alice.WaitForStatusAsync(id, "PENDING");
        _factory.Venue.Restart();                                       // ... and lost in the restart
        _factory.Venue.SetFaults(SimulatedFaults.None);
        await _alice.WaitForStatusAsync(id, "FILLED");
    }

    [Fact]
    public async Task A_ghost_order_at_the_venue_is_reported_and_not_adopted()
    {
        var ghostId = new OrderId(Guid.NewGuid());
        _factory.Venue.PlaceForeignOrder(Order.CreatePending(ghostId, new TraderId("intruder"), null,
            new OrderSpec(Symbol.Of("MSFT"), Side.Sell, 500, OrderType.Limit, 460m, null, TimeInForce.Gtc, null, null), "SIM", ExecutionPath.V2, _factory.Time.GetUtcNow()));
        _factory.Time.Advance(TimeSpan.FromSeconds(5));
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement ghosts;
        do
        {
            ghosts = await (await admin.GetAsync("/api/v1/admin/ghosts")).JsonAsync();
            if (ghosts.GetProperty("data").GetArrayLength() > 0) break;
            await Task.Delay(20);
        } while (DateTime.UtcNow < deadline);
        var ghost = Assert.Single(ghosts.GetProperty("data").EnumerateArray());
        Assert.Equal((ghostId.ToString(), "MSFT", 500L), (ghost.Str("client_order_id"), ghost.Str("symbol"), ghost.GetProperty("quantity").GetInt64()));
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        Assert.Equal(HttpStatusCode.NotFound, (await compliance.GetAsync($"/api/v1/orders/{ghostId}")).StatusCode);
        Assert.Equal(0, (await (await compliance.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());
    }
}
