// A venue that restarts without its book, through the whole service: QuickFIX's ordermatch keeps
// its resting orders only in memory. Killed (-9) and started again, on its store or with an empty one
// (a venue reset: sequence numbers from 1), it has lost the orders resting there, and it cannot be
// asked (no status requests). Fillmore cannot know they are gone, so it must not leave them silently
// PENDING: the orders resting there before the break are flagged in doubt with the reason
// (VENUE_MAY_HAVE_LOST_ORDER), and an order placed after the break, which ordermatch took, is not;
// FixOracle holds at the end (the order in doubt executed nothing, as ordermatch's log says).
namespace Fillmore.Api.Tests;

using Fillmore.Venues.Tests.Fix;
using Microsoft.Extensions.DependencyInjection;

public sealed class FixLostBookTests : IAsyncLifetime
{
    private QuickFixAcceptor _ordermatch = null!;
    private string _dataDir = null!;

    public async Task InitializeAsync()
    {
        _ordermatch = await QuickFixAcceptor.StartAsync("ordermatch", "FIX.4.2", "ORDERMATCH");
        _dataDir = Directory.CreateTempSubdirectory("fillmore-api-lostbook-").FullName;
    }

    [QuickFixFact]
    public Task Orders_resting_at_ordermatch_when_it_is_killed_and_restarted_are_flagged_in_doubt_later_ones_not() =>
        RestartAsync(emptyStore: false);

    [QuickFixFact]
    public Task Orders_resting_at_ordermatch_when_it_comes_back_empty_are_flagged_in_doubt_later_ones_not() =>
        RestartAsync(emptyStore: true);

    private async Task RestartAsync(bool emptyStore)
    {
        using var service = new FillmoreFactory(_dataDir) { TestServices = s => s.AddSingleton(TimeProvider.System) };
        service.Settings["Fillmore:Venues:FIX"] = _ordermatch.ConnectionString("ordermatch");
        var alice = service.ClientFor(FillmoreFactory.Alice);
        var resting = await RestingAsync(alice, 185.00m);

        await _ordermatch.KillAsync();
        await _ordermatch.StartAgainAsync(emptyStore);

        var flagged = await UntilAsync(alice, resting,
            o => o.Str("reason").StartsWith("In doubt", StringComparison.Ordinal));
        Assert.Equal("PENDING", flagged.Str("status"));
        Assert.Contains("ORDERMATCH", flagged.Str("reason"));
        var audit = (await (await alice.GetAsync($"/api/v1/orders/{resting}/audit")).JsonAsync()).GetProperty("data")
            .EnumerateArray().Select(e => e.Str("error_code")).ToList();
        Assert.Contains("VENUE_MAY_HAVE_LOST_ORDER", audit);

        var later = await RestingAsync(alice, 184.00m);   // ordermatch took it after the break: it is not in doubt
        await service.Services.GetRequiredService<Fillmore.Core.Execution.ExecutionCoordinator>().ReconcileAllAsync();
        Assert.Equal("", (await alice.GetOrderAsync(later)).Str("reason"));
        Assert.Equal(1, await _ordermatch.ProcessedOnceLoggedAsync(resting));

        await alice.PostAsync($"/api/v1/orders/{later}/cancel", null);   // ordermatch has it: its cancel settles it
        await alice.WaitForStatusAsync(later, "CANCELLED", TimeSpan.FromSeconds(20));
        var ids = new[] { resting, later }.Select(i => new Fillmore.Core.Orders.OrderId(Guid.Parse(i))).ToList();
        Assert.Null(await FixOracle.CheckAsync(service, _ordermatch, ids, FixOracle.DemoTraders));
    }

    // A limit buy that rests: ordermatch answers New and the order is PENDING.
    private static async Task<string> RestingAsync(HttpClient alice, decimal price)
    {
        var response = await alice.SubmitAsync(new
        {
            symbol = "AAPL", side = "BUY", quantity = 5, order_type = "LIMIT", price, time_in_force = "DAY",
        });
        var id = (await response.JsonAsync()).Id();
        await alice.WaitForStatusAsync(id, "PENDING", TimeSpan.FromSeconds(20));
        return id;
    }

    private static async Task<System.Text.Json.JsonElement> UntilAsync(HttpClient client, string id,
        Func<System.Text.Json.JsonElement, bool> condition)
    {
        System.Text.Json.JsonElement order = default;
        await FixProbe.UntilAsync(() => condition(order = client.GetOrderAsync(id).GetAwaiter().GetResult()),
            $"order {id} to be flagged in doubt");
        return order;
    }

    public async Task DisposeAsync()
    {
        await _ordermatch.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
