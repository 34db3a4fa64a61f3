// Two FIX sessions as two venues of one engine, each against its own QuickFIX executor process (two
// acceptors with their own CompIDs, stores and logs): SMART picks the one cheaper after fees and the
// order reaches only that acceptor; a named venue is used as named; when one acceptor dies, SMART
// routes around it, an order named for it waits for its session (never sent elsewhere) while the
// other venue keeps filling, and once the acceptor is back the waiting order is sent there, once.
// Ends with FixOracle over both acceptors' own logs: each order reached one venue at most once,
// fills and ledgers equal what the two executors reported, the audit chain verifies.
namespace Fillmore.Api.Tests;

using Fillmore.Api.Hosting;
using Fillmore.Core.Orders;
using Fillmore.Venues.Tests.Fix;
using Microsoft.Extensions.DependencyInjection;

public sealed class TwoFixVenuesTests : IAsyncLifetime
{
    private QuickFixAcceptor _a = null!;
    private QuickFixAcceptor _b = null!;
    private string _dataDir = null!;

    public async Task InitializeAsync()
    {
        _a = await QuickFixAcceptor.StartAsync("executor", acceptorId: "EXECA");
        _b = await QuickFixAcceptor.StartAsync("executor", acceptorId: "EXECB");
        _dataDir = Directory.CreateTempSubdirectory("fillmore-api-fix2-").FullName;
    }

    private FillmoreFactory Service()
    {
        var factory = new FillmoreFactory(_dataDir)
        {
            TestServices = services => services.AddSingleton(TimeProvider.System),
        };
        var s = factory.Settings;
        s["Fillmore:Venues:FIX"] = _a.ConnectionString("executor");
        s["Fillmore:Venues:EXECB"] = _b.ConnectionString("executor");
        // EXECB is cheaper whether the order takes liquidity or rests; both are quoted by the same board.
        s["Fillmore:Venues:Fees:EXECA:TakerPerShare"] = "0.01";
        s["Fillmore:Venues:Fees:EXECB:TakerPerShare"] = "0.001";
        s["Fillmore:Venues:Fees:EXECB:MakerRebatePerShare"] = "0.002";
        s["Fillmore:Routing:DefaultVenue"] = "SMART";
        return factory;
    }

    [QuickFixFact]
    public async Task Smart_routes_between_two_fix_sessions_and_around_the_one_that_is_down()
    {
        using var service = Service();
        var alice = service.ClientFor(FillmoreFactory.Alice);
        var venues = (await (await alice.GetAsync("/api/v1/venues")).JsonAsync()).GetProperty("data")
            .EnumerateArray().Select(v => v.Str("name")).Order().ToList();
        Assert.Equal(["EXECA", "EXECB"], venues);

        var smart = await FilledAtAsync(alice, null, "EXECB");
        var named = await FilledAtAsync(alice, "execa", "EXECA");

        var b = service.Services.GetRequiredService<FixVenues>().All.Single();
        await _b.KillAsync();
        await FixProbe.UntilAsync(() => !b.IsLoggedOn, "the session with EXECB to be down");
        var waiting = await alice.SubmitOkAsync(Limit(3, "EXECB"));
        var around = await FilledAtAsync(alice, null, "EXECA");
        var considered = (await (await alice.GetAsync($"/api/v1/orders/{around}/routing")).JsonAsync())
            .GetProperty("considered").EnumerateArray().ToDictionary(o => o.Str("venue"));
        Assert.Equal(("not connected", ""), (considered["EXECB"].Str("excluded"), considered["EXECA"].Str("excluded")));
        Assert.Equal("PENDING_SUBMIT", (await alice.GetOrderAsync(waiting.Id())).Str("status"));

        await _b.StartAgainAsync();
        var filled = await alice.WaitForStatusAsync(waiting.Id(), "FILLED", TimeSpan.FromSeconds(20));
        Assert.Equal("EXECB", Assert.Single(filled.GetProperty("fills").EnumerateArray()).Str("venue"));
        foreach (var id in new[] { smart, waiting.Id() })
            Assert.Equal((1, 0), (await _b.ProcessedOnceLoggedAsync(id), _a.Processed(id)));
        foreach (var id in new[] { named, around })
            Assert.Equal((1, 0), (await _a.ProcessedOnceLoggedAsync(id), _b.Processed(id)));
        Assert.Null(await FixOracle.CheckAsync(service, [_a, _b], Ids(smart, named, waiting.Id(), around),
            FixOracle.DemoTraders));
    }

    private static object Limit(int quantity, string? venue) =>
        new { symbol = "AAPL", side = "BUY", quantity, order_type = "LIMIT", price = 190.00m, venue };

    private static async Task<string> FilledAtAsync(HttpClient alice, string? venue, string expected)
    {
        var order = await alice.SubmitOkAsync(Limit(2, venue));
        Assert.Equal(expected, order.Str("venue"));
        var filled = await alice.WaitForStatusAsync(order.Id(), "FILLED", TimeSpan.FromSeconds(20));
        Assert.Equal(expected, Assert.Single(filled.GetProperty("fills").EnumerateArray()).Str("venue"));
        return order.Id();
    }

    private static List<OrderId> Ids(params string[] ids) => ids.Select(i => new OrderId(Guid.Parse(i))).ToList();

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
