// Ghost orders (venue orders Fillmore never placed) through the API, on the real service with the
// paper exchange: found and stored by reconciliation (one row however often it is seen), filed
// under the venue's account, closed when the venue no longer has it open, cancelled at the venue
// or dismissed by an administrator, each resolution an audit entry by that administrator.
// Reconciliation rounds run when the test advances the host's FakeTimeProvider; the barrier is
// EngineMetrics.ReconciliationsFinished.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Microsoft.Extensions.DependencyInjection;

public sealed class GhostTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _compliance;

    public GhostTests()
    {
        _admin = _factory.ClientFor(FillmoreFactory.Admin);
        _compliance = _factory.ClientFor(FillmoreFactory.Compliance);
    }

    public void Dispose() => _factory.Dispose();

    private EngineMetrics Metrics => _factory.Services.GetRequiredService<EngineMetrics>();

    private OrderId PlaceGhost(string owner = "intruder", decimal price = 460m, Side side = Side.Sell)
    {
        var id = new OrderId(Guid.NewGuid());
        _factory.Venue.PlaceForeignOrder(Order.CreatePending(id, new TraderId(owner), null,
            new OrderSpec(Symbol.Of("MSFT"), side, 500, OrderType.Limit, price, null, TimeInForce.Gtc, null, null), "SIM",
            ExecutionPath.V2, _factory.Time.GetUtcNow()));
        return id;
    }

    /// <summary>Runs one reconciliation round (the next tick of its timer) and waits until it has finished.</summary>
    private async Task ReconcileAsync()
    {
        await _admin.GetAsync("/health/live");   // the host (and its engine) is up before time moves
        var before = Metrics.ReconciliationsFinished;
        _factory.Time.Advance(TimeSpan.FromSeconds(5));
        await Wait.UntilAsync(() => Metrics.ReconciliationsFinished > before, "a reconciliation round finished");
    }

    private async Task<List<JsonElement>> GhostsAsync(string? state = null) =>
        (await (await _admin.GetAsync("/api/v1/admin/ghosts" + (state is null ? "" : $"?state={state}"))).JsonAsync())
            .GetProperty("data").EnumerateArray().ToList();

    private async Task<List<JsonElement>> AuditAsync(OrderId id) =>
        (await (await _compliance.GetAsync($"/api/v1/audit?order_id={id}")).JsonAsync())
            .GetProperty("data").EnumerateArray().ToList();

    private static async Task<(HttpStatusCode, JsonElement)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, await response.JsonAsync());

    [Fact]
    public async Task A_ghost_is_stored_once_under_the_venues_account_and_an_admin_cancels_it_at_the_venue()
    {
        var id = PlaceGhost(owner: "intruder");
        await ReconcileAsync();
        await ReconcileAsync();   // seen again: still one row, one entry
        var ghost = Assert.Single(await GhostsAsync());
        Assert.Equal((id.ToString(), "OPEN", "intruder", "SIM", "WORKING"),
            (ghost.Str("client_order_id"), ghost.Str("state"), ghost.Str("account"), ghost.Str("venue"), ghost.Str("venue_status")));
        var reported = Assert.Single(await AuditAsync(id));
        Assert.Equal(("ANOMALY", "GHOST_ORDER", "intruder"), (reported.Str("action"), reported.Str("error_code"), reported.Str("trader_id")));

        var (status, cancelled) = await Answer(await _admin.PostAsync($"/api/v1/admin/ghosts/{id}/cancel", null));
        Assert.Equal(HttpStatusCode.OK, status);   // the paper exchange cancels at once, and says so when asked
        Assert.Equal(("CLOSED", "CANCELLED", "admin", "admin", "CANCELLED"),
            (cancelled.Str("state"), cancelled.Str("resolution"), cancelled.Str("cancel_requested_by"), cancelled.Str("resolved_by"),
             cancelled.Str("venue_status")));
        Assert.Equal(0, _factory.Venue.AllOrders().Count(o => o.OrderId == id && o.Status == Core.Ports.VenueOrderStatus.Working));

        var trail = await AuditAsync(id);
        Assert.Equal(["ANOMALY", "CANCEL_REQUESTED", "CANCELLED"], trail.Select(e => e.Str("action")));
        Assert.Equal(("ADMIN", "intruder"), (trail[1].Str("actor"), trail[1].Str("trader_id")));
        Assert.Contains("admin 'admin'", trail[1].Str("reason"));
        Assert.Contains("admin 'admin'", trail[2].Str("reason"));

        Assert.Empty(await GhostsAsync());
        Assert.Equal(id.ToString(), Assert.Single(await GhostsAsync("closed")).Str("client_order_id"));
        Assert.Single(await GhostsAsync("all"));
        var (again, problem) = await Answer(await _admin.PostAsync($"/api/v1/admin/ghosts/{id}/cancel", null));
        Assert.Equal((HttpStatusCode.Conflict, "GHOST_CLOSED"), (again, problem.Str("code")));
        Assert.Equal(3, (await AuditAsync(id)).Count);   // a refusal writes nothing
    }

    [Fact]
    public async Task A_dismissal_needs_a_reason_names_the_admin_and_stays_dismissed_while_the_venue_keeps_the_order()
    {
        var id = PlaceGhost(owner: "carol");
        await ReconcileAsync();
        var url = $"/api/v1/admin/ghosts/{id}/dismiss";
        foreach (var (body, code) in new[]
            { ("", "MALFORMED_JSON"), ("{}", "VALIDATION_FAILED"), ("{\"reason\": \"  \"}", "VALIDATION_FAILED"),
              ("{\"reason\": 5}", "FIELD_TYPE_INVALID"), ("{\"reason\": ", "MALFORMED_JSON") })
        {
            var (status, problem) = await Answer(await _admin.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json")));
            Assert.Equal((HttpStatusCode.BadRequest, code), (status, problem.Str("code")));
            if (code == "VALIDATION_FAILED") Assert.Equal("REASON_REQUIRED", problem.GetProperty("errors")[0].Str("code"));
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("errors")[0].Str("suggestion")));
        }
        Assert.Equal("OPEN", Assert.Single(await GhostsAsync()).Str("state"));   // nothing changed

        var (ok, dismissed) = await Answer(await _admin.PostAsJsonAsync(url, new { reason = "placed by the desk's other system" }));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(("CLOSED", "DISMISSED", "admin"), (dismissed.Str("state"), dismissed.Str("resolution"), dismissed.Str("resolved_by")));
        var entry = (await AuditAsync(id)).Last();
        Assert.Equal(("DISMISSED", "ADMIN", "carol"), (entry.Str("action"), entry.Str("actor"), entry.Str("trader_id")));
        Assert.Equal("Dismissed by admin 'admin': placed by the desk's other system", entry.Str("reason"));

        await ReconcileAsync();   // still working at the venue: the dismissal stands, in its one row
        var after = Assert.Single(await GhostsAsync("all"));
        Assert.Equal(("CLOSED", "DISMISSED"), (after.Str("state"), after.Str("resolution")));
        Assert.Equal(2, (await AuditAsync(id)).Count);
        var (closed, refusal) = await Answer(await _admin.PostAsJsonAsync(url, new { reason = "again" }));
        Assert.Equal((HttpStatusCode.Conflict, "GHOST_CLOSED", "DISMISSED"),
            (closed, refusal.Str("code"), refusal.GetProperty("errors")[0].GetProperty("details").Str("resolution")));
    }

    [Fact]
    public async Task A_ghost_that_ends_at_the_venue_is_closed_by_the_next_reconciliation_with_why()
    {
        var id = PlaceGhost(price: 100m, side: Side.Buy);   // rests far below the market
        await ReconcileAsync();
        Assert.Equal("OPEN", Assert.Single(await GhostsAsync()).Str("state"));
        _factory.Venue.SetPrice(Symbol.Of("MSFT"), 99m);   // it fills at the venue
        await ReconcileAsync();
        var ghost = Assert.Single(await GhostsAsync("closed"));
        Assert.Equal(("ENDED_AT_VENUE", "FILLED", 500L), (ghost.Str("resolution"), ghost.Str("venue_status"), ghost.GetProperty("filled_quantity").GetInt64()));
        Assert.Equal(_factory.Time.GetUtcNow(), ghost.GetProperty("closed_at").GetDateTimeOffset());
        Assert.Contains("FILLED at the venue, 500 of 500 filled", ghost.Str("close_reason"));
        var entry = (await AuditAsync(id)).Last();
        Assert.Equal(("RECONCILED", "SYSTEM", "FILLED"), (entry.Str("action"), entry.Str("actor"), entry.Str("status")));
        Assert.Empty(await GhostsAsync());
    }

    // The request is recorded before it goes out; the venue's silence is recorded too, and the ghost stays open.
    [Fact]
    public async Task A_cancel_the_venue_does_not_answer_is_a_503_and_the_ghost_stays_open()
    {
        var id = PlaceGhost();
        await ReconcileAsync();
        _factory.Venue.SetFaults(new Fillmore.Venues.Simulated.SimulatedFaults { DropRequest = 1 });
        var (status, problem) = await Answer(await _admin.PostAsync($"/api/v1/admin/ghosts/{id}/cancel", null));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "VENUE_UNAVAILABLE"), (status, problem.Str("code")));
        Assert.Contains("reconciliation closes the ghost", problem.Str("detail"));
        var ghost = Assert.Single(await GhostsAsync());
        Assert.Equal(("OPEN", "admin"), (ghost.Str("state"), ghost.Str("cancel_requested_by")));
        var trail = await AuditAsync(id);
        Assert.Equal(["ANOMALY", "CANCEL_REQUESTED", "ANOMALY"], trail.Select(e => e.Str("action")));
        Assert.Equal(("REQUEST_LOST", "SYSTEM"), (trail[2].Str("error_code"), trail[2].Str("actor")));
    }

    [Fact]
    public async Task Unknown_ids_bad_filters_and_other_roles_are_refused_with_a_code()
    {
        var unknown = Guid.NewGuid();
        Assert.Equal((HttpStatusCode.NotFound, "GHOST_NOT_FOUND"),
            ((await Answer(await _admin.PostAsync($"/api/v1/admin/ghosts/{unknown}/cancel", null))).Item1,
             (await Answer(await _admin.PostAsync($"/api/v1/admin/ghosts/{unknown}/cancel", null))).Item2.Str("code")));
        var (notFound, missing) = await Answer(await _admin.PostAsJsonAsync($"/api/v1/admin/ghosts/{unknown}/dismiss", new { reason = "x" }));
        Assert.Equal((HttpStatusCode.NotFound, "GHOST_NOT_FOUND"), (notFound, missing.Str("code")));
        var (bad, invalid) = await Answer(await _admin.PostAsync("/api/v1/admin/ghosts/abc/cancel", null));
        Assert.Equal((HttpStatusCode.BadRequest, "GHOST_ID_INVALID"), (bad, invalid.Str("code")));
        var (badState, state) = await Answer(await _admin.GetAsync("/api/v1/admin/ghosts?state=gone"));
        Assert.Equal((HttpStatusCode.BadRequest, "GHOST_STATE_INVALID"), (badState, state.GetProperty("errors")[0].Str("code")));
        var trader = _factory.ClientFor(FillmoreFactory.Alice);
        Assert.Equal(HttpStatusCode.Forbidden, (await trader.PostAsync($"/api/v1/admin/ghosts/{unknown}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _compliance.GetAsync("/api/v1/admin/ghosts")).StatusCode);
    }
}
