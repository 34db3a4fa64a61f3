// The whole service trading through FIX with QuickFIX's executor, wired exactly as
// FILLMORE_VENUE_FIX wires it (quotes from the paper quote board, the Development default): an
// order submitted over HTTP fills at the acceptor, which took it once; an order type executor does
// not take is refused with a clear reason and never sent; after a restart the session resumes
// without a reset and the next order fills too; /metrics shows the session. Each ends with FixOracle:
// executor took each order once, every fill counted once, the ledger equals executor's fills, the
// audit chain verifies. Real time throughout: the acceptor checks SendingTime against its clock.
namespace Fillmore.Api.Tests;

using System.Net;
using Fillmore.Venues.Tests.Fix;
using Microsoft.Extensions.DependencyInjection;

public sealed class FixVenueServiceTests : IAsyncLifetime
{
    private QuickFixAcceptor _executor = null!;
    private string _dataDir = null!;

    public async Task InitializeAsync()
    {
        _executor = await QuickFixAcceptor.StartAsync("executor");
        _dataDir = Directory.CreateTempSubdirectory("fillmore-api-fix-").FullName;
    }

    private FillmoreFactory Service(string? connection = null)
    {
        var factory = new FillmoreFactory(_dataDir)
        {
            TestServices = services => services.AddSingleton(TimeProvider.System),
        };
        factory.Settings["Fillmore:Venues:FIX"] = connection ?? _executor.ConnectionString("executor");
        return factory;
    }

    [QuickFixFact]
    public async Task Orders_fill_through_executor_the_session_resumes_after_a_restart_and_the_audit_verifies()
    {
        string first;
        using (var service = Service())
        {
            var alice = service.ClientFor(FillmoreFactory.Alice);
            first = await FilledAsync(alice, 10);
            // What the venue cannot take (executor: LIMIT only) and Fillmore cannot hold for it is refused at once: never sent.
            var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "MARKET" });
            Assert.Equal((System.Net.HttpStatusCode.UnprocessableEntity, "ORDER_TYPE_NOT_SUPPORTED"),
                (response.StatusCode, (await response.JsonAsync()).Str("code")));
            var denied = (await (await alice.GetAsync("/api/v1/orders?status=DENIED")).JsonAsync()).GetProperty("data")[0];
            Assert.Equal(0, _executor.Received(denied.Id(), possDup: false));
            var metrics = await service.CreateClient().GetStringAsync("/metrics");
            Assert.Contains("fillmore_fix_logged_on{", metrics);
            var venue = (await (await service.ClientFor(FillmoreFactory.Admin).GetAsync("/api/v1/admin/venues")).JsonAsync())
                .GetProperty("data")[0];
            var session = venue.GetProperty("session");
            Assert.Equal(("LOGGED_ON", false), (session.Str("state"), venue.GetProperty("halted").GetBoolean()));
            Assert.True(venue.GetProperty("connected").GetBoolean() && venue.GetProperty("reachable").GetBoolean());
            Assert.True(session.GetProperty("next_sender_seq_num").GetInt64() > 1 && session.GetProperty("logons").GetInt64() >= 1);
        }
        using (var restarted = Service())
        {
            var alice = restarted.ClientFor(FillmoreFactory.Alice);
            var second = await FilledAsync(alice, 7);
            foreach (var id in new[] { first, second }) Assert.Equal(1, await _executor.ProcessedOnceLoggedAsync(id));
            var logons = _executor.Log.Where(e => !e.Outgoing && e.MsgType == "A").ToList();
            // Every logon after the first (the restart's, and any reconnect a loaded machine causes) resumes the
            // session: a sequence number past 1 and no reset.
            Assert.True(logons.Count >= 2 && logons.Skip(1).All(l => l.SeqNum > 1) && logons.All(l => l.Field(141) is null));
            Assert.Null(await FixOracle.CheckAsync(restarted, _executor, Ids(first, second), FixOracle.DemoTraders));
        }
    }

    [QuickFixFact]
    public async Task An_order_whose_answer_is_lost_stays_in_doubt_is_never_sent_again_and_settles_from_the_resend()
    {
        await using var link = new FaultyLink(_executor.Port);
        using var service = Service(_executor.ConnectionString("executor", timeout: 1)
            .Replace($"port={_executor.Port}", $"port={link.Port}", StringComparison.Ordinal));
        var alice = service.ClientFor(FillmoreFactory.Alice);

        link.SwallowToClient();                                    // executor fills it; the report never arrives
        var order = new { symbol = "AAPL", side = "BUY", quantity = 4, order_type = "LIMIT", price = 190.00m };
        var id = (await (await alice.SubmitAsync(order)).JsonAsync()).Id();
        await FixProbe.UntilAsync(() => Reason(alice, id).Contains("In doubt", StringComparison.Ordinal),
            "the order to be in doubt");
        Assert.Equal("PENDING_SUBMIT", (await alice.GetOrderAsync(id)).Str("status"));
        link.Cut();                                                // the session reconnects and asks for what it missed

        await alice.WaitForStatusAsync(id, "FILLED", TimeSpan.FromSeconds(20));
        Assert.Equal(1, await _executor.ProcessedOnceLoggedAsync(id));
        Assert.Equal((1, 0), (_executor.Received(id, possDup: false), _executor.Received(id, possDup: true)));
        var audit = (await (await alice.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data")
            .EnumerateArray().Select(e => e.Str("error_code")).ToList();
        Assert.Contains("STATUS_UNKNOWN", audit);   // the retries asked, could not know, and sent nothing
        Assert.Equal("", (await alice.GetOrderAsync(id)).Str("reason"));   // settled: the doubt is over
        Assert.Null(await FixOracle.CheckAsync(service, _executor, Ids(id), FixOracle.DemoTraders));
    }

    private static List<Core.Orders.OrderId> Ids(params string[] ids) =>
        ids.Select(i => new Core.Orders.OrderId(Guid.Parse(i))).ToList();

    private static string Reason(HttpClient client, string id) =>
        client.GetOrderAsync(id).GetAwaiter().GetResult().GetProperty("reason").ToString();

    private static async Task<string> FilledAsync(HttpClient alice, int quantity)
    {
        var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity, order_type = "LIMIT",
            price = 190.00m });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).Id();
        var filled = await alice.WaitForStatusAsync(id, "FILLED", TimeSpan.FromSeconds(20));
        var fill = Assert.Single(filled.GetProperty("fills").EnumerateArray());
        Assert.Equal(("EXECUTOR", quantity, 190.00m), (fill.Str("venue"),
            fill.GetProperty("quantity_filled").GetInt32(),
            fill.GetProperty("price_at_fill").GetDecimal()));
        Assert.Contains(id, fill.Str("execution_id"));
        return id;
    }

    public async Task DisposeAsync()
    {
        await _executor.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
