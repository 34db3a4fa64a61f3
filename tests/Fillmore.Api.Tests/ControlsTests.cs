// Execution controls and switches that act (issue 16), end to end through the HTTP API against the
// in-process paper exchange (and, for a Fatal answer, the exchange process with credentials it
// refuses): a slippage limit that cancels what cannot fill within it, a max wait that cancels what
// is left (FakeTimeProvider), the kill switch and a trader's halt cancelling what is open with one
// entry per order, the legacy path keeping the halts, a Fatal answer halting the venue until an
// admin resumes it, the flag persisted and audited across a restart, and nonsense refused.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Core.Ports;
using Fillmore.Exchange;
using Fillmore.Venues.Remote;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

public sealed class ControlsTests : IDisposable
{
    private readonly List<FillmoreFactory> _factories = [];

    private FillmoreFactory Start(string executionV2 = "on", string? dir = null, Action<FillmoreFactory>? configure = null)
    {
        var factory = new FillmoreFactory(dir, executionV2);
        configure?.Invoke(factory);
        _factories.Add(factory);
        return factory;
    }

    public void Dispose()
    {
        foreach (var f in _factories) f.Dispose();
    }

    private static async Task<List<JsonElement>> AuditAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data").EnumerateArray().ToList();

    private static async Task<List<JsonElement>> ControlEntriesAsync(FillmoreFactory f, string action) =>
        (await (await f.ClientFor(FillmoreFactory.Compliance).GetAsync($"/api/v1/audit?action={action}")).JsonAsync())
            .GetProperty("data").EnumerateArray().ToList();

    // Resting buys far below the market: they work at the venue until something ends them.
    private static object Resting(string symbol = "AAPL", decimal price = 175m) =>
        new { symbol, side = "BUY", quantity = 5, order_type = "LIMIT", price, time_in_force = "GTC" };

    [Fact]
    public async Task A_market_order_under_a_slippage_limit_fills_within_it_and_what_cannot_is_cancelled()
    {
        var f = Start(configure: x => x.Settings["Fillmore:SimulatedVenue:DisplayedSize"] = "40");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var ask = (await (await alice.GetAsync("/api/v1/instruments")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(i => i.Str("symbol") == "AAPL").GetProperty("ask").GetDecimal();
        var order = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "MARKET", max_slippage_bps = 25 });

        var done = await alice.WaitForStatusAsync(order.Id(), "CANCELLED");
        Assert.Equal((40L, ask, 25m), (done.GetProperty("filled_quantity").GetInt64(), done.GetProperty("arrival_price").GetDecimal(),
            done.GetProperty("max_slippage_bps").GetDecimal()));
        // Sent as a LIMIT at the collar: never more than 25 bps above the arrival price.
        var collar = done.GetProperty("working").GetProperty("price").GetDecimal();
        Assert.Equal(("LIMIT", Math.Floor(ask * 1.0025m * 100) / 100), (done.GetProperty("working").Str("order_type"), collar));
        Assert.Equal(0m, done.GetProperty("slippage_bps").GetDecimal());
        var audit = await AuditAsync(alice, order.Id());
        Assert.Equal("SLIPPAGE_LIMIT", audit[^1].Str("error_code"));
        Assert.StartsWith("Slippage limit: what could not fill within 25 bps", audit[^1].Str("reason"));
        Assert.Contains(audit, e => e.Str("action") == "PARTIALLY_FILLED" && e.Str("reason").StartsWith("Slippage 0.00 bps against the arrival price"));
    }

    [Fact]
    public async Task A_stop_under_a_slippage_limit_that_gaps_through_fills_within_the_limit_where_a_plain_stop_keeps_selling_lower()
    {
        var f = Start(configure: x => x.Settings["Fillmore:SimulatedVenue:DisplayedSize"] = "40");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var bob = f.ClientFor(FillmoreFactory.Bob);
        foreach (var trader in new[] { alice, bob })
            await f.FilledAsync(trader, (await trader.SubmitOkAsync(new { symbol = "MSFT", side = "BUY", quantity = 100, order_type = "MARKET" })).Id());
        await SetPriceAsync(f, "MSFT", 400m);
        var guarded = await alice.SubmitOkAsync(new { symbol = "MSFT", side = "SELL", quantity = 100, order_type = "STOP", stop_price = 395m, time_in_force = "GTC", max_slippage_bps = 50 });
        var plain = await bob.SubmitOkAsync(new { symbol = "MSFT", side = "SELL", quantity = 100, order_type = "STOP", stop_price = 395m, time_in_force = "GTC" });
        Assert.Equal(("HELD", "PENDING_SUBMIT"), (guarded.Str("status"), plain.Str("status")));   // held by Fillmore although the venue holds stops

        await SetPriceAsync(f, "MSFT", 394m);                                              // the gap: through both stops
        var stopped = await alice.WaitForStatusAsync(guarded.Id(), "CANCELLED");
        Assert.Equal(40L, stopped.GetProperty("filled_quantity").GetInt64());            // what the bid showed, within 50 bps of it
        Assert.Equal("SLIPPAGE_LIMIT", (await AuditAsync(alice, guarded.Id()))[^1].Str("error_code"));
        await SetPriceAsync(f, "MSFT", 380m);                                              // the plain stop's rest sells into the fall
        var sold = await f.FilledAsync(bob, plain.Id());
        Assert.True(sold.GetProperty("average_fill_price").GetDecimal() < stopped.GetProperty("average_fill_price").GetDecimal());
    }

    [Fact]
    public async Task An_order_not_filled_within_its_wait_is_cancelled_and_what_filled_stays()
    {
        var f = Start(configure: x =>
        {
            x.Settings["Fillmore:SimulatedVenue:DisplayedSize"] = "40";
            x.Settings["Fillmore:Execution:OrderTimeoutSeconds"] = "120";
        });
        var alice = f.ClientFor(FillmoreFactory.Alice);
        await SetPriceAsync(f, "AAPL", 190m);
        var partial = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "LIMIT", price = 190.01m, max_wait_seconds = 30 });
        var resting = await alice.SubmitOkAsync(Resting());                              // ORDER_TIMEOUT_SECONDS: 120 s
        await alice.WaitForStatusAsync(partial.Id(), "PARTIAL");
        await SetPriceAsync(f, "AAPL", 195m);                                              // the rest no longer trades
        Assert.Equal((30, 120), (partial.GetProperty("max_wait_seconds").GetInt32(), resting.GetProperty("max_wait_seconds").GetInt32()));

        f.Time.Advance(TimeSpan.FromSeconds(29));
        await alice.WaitForStatusAsync(resting.Id(), "PENDING");
        Assert.Equal("PARTIAL", (await alice.GetOrderAsync(partial.Id())).Str("status"));
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var timedOut = await alice.WaitForStatusAsync(partial.Id(), "CANCELLED");
        Assert.Equal(40L, timedOut.GetProperty("filled_quantity").GetInt64());
        Assert.StartsWith("Timeout: not filled within the 30 s it may wait", timedOut.Str("reason"));
        Assert.Equal(["TIMEOUT", "TIMEOUT"], (await AuditAsync(alice, partial.Id())).TakeLast(2).Select(e => e.Str("error_code")));
        Assert.Equal("PENDING", (await alice.GetOrderAsync(resting.Id())).Str("status"));
        f.Time.Advance(TimeSpan.FromSeconds(90));
        await alice.WaitForStatusAsync(resting.Id(), "CANCELLED");
    }

    [Fact]
    public async Task The_kill_switch_cancels_every_open_and_held_order_with_its_reason_and_refuses_new_ones_until_resumed()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var bob = f.ClientFor(FillmoreFactory.Bob);
        var open = new List<(HttpClient Trader, string Id)>();
        foreach (var trader in new[] { alice, bob })
            for (var i = 0; i < 3; i++)
                open.Add((trader, (await trader.SubmitOkAsync(Resting(price: 175m + i))).Id()));
        open.Add((alice, (await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "TRAILING_STOP", trail_price = 2m, time_in_force = "GTC" })).Id()));
        foreach (var (trader, id) in open.Take(6)) await trader.WaitForStatusAsync(id, "PENDING");

        var admin = f.ClientFor(FillmoreFactory.Admin);
        var halt = await (await admin.PutAsJsonAsync("/api/v1/admin/trading-halt", new { halted = true, reason = "exchange outage" })).JsonAsync();
        Assert.Equal((true, 7), (halt.GetProperty("halted").GetBoolean(), halt.GetProperty("orders_cancelled").GetInt32()));

        foreach (var (trader, id) in open)
        {
            await trader.WaitForStatusAsync(id, "CANCELLED");
            var entry = (await AuditAsync(trader, id)).First(e => e.Str("actor") == "ADMIN");
            Assert.Equal(("TRADING_HALTED", "Kill switch pulled by administrator admin: exchange outage"), (entry.Str("error_code"), entry.Str("reason")));
        }
        var refused = await alice.SubmitAsync(Resting());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "TRADING_HALTED"), (refused.StatusCode, (await refused.JsonAsync()).Str("code")));
        var control = Assert.Single(await ControlEntriesAsync(f, "HALTED"));
        Assert.Equal(("*", "ADMIN", "00000000-0000-0000-0000-000000000000"), (control.Str("trader_id"), control.Str("actor"), control.Str("order_id")));
        Assert.Equal(JsonValueKind.Null, control.GetProperty("symbol").ValueKind);

        await admin.PutAsJsonAsync("/api/v1/admin/trading-halt", new { halted = false });
        await alice.SubmitOkAsync(Resting());
        Assert.Single(await ControlEntriesAsync(f, "RESUMED"));
        var verify = await (await f.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task A_halt_that_only_blocks_leaves_working_orders_working()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var working = (await alice.SubmitOkAsync(Resting())).Id();
        await alice.WaitForStatusAsync(working, "PENDING");
        var halt = await (await f.ClientFor(FillmoreFactory.Admin).PutAsJsonAsync("/api/v1/admin/trading-halt",
            new { halted = true, reason = "review", cancel_open_orders = false })).JsonAsync();
        Assert.Equal(0, halt.GetProperty("orders_cancelled").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await alice.SubmitAsync(Resting())).StatusCode);
        Assert.Equal("PENDING", (await alice.GetOrderAsync(working)).Str("status"));
        Assert.True((await alice.PostAsync($"/api/v1/orders/{working}/cancel", null)).IsSuccessStatusCode);
        await alice.WaitForStatusAsync(working, "CANCELLED");                              // cancels still work
    }

    [Fact]
    public async Task A_traders_halt_cancels_only_their_orders_and_an_admin_can_cancel_all_of_one_traders_orders()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var bob = f.ClientFor(FillmoreFactory.Bob);
        var aliceOrder = (await alice.SubmitOkAsync(Resting())).Id();
        var bobOrders = new[] { (await bob.SubmitOkAsync(Resting())).Id(), (await bob.SubmitOkAsync(Resting(price: 176m))).Id() };
        var admin = f.ClientFor(FillmoreFactory.Admin);

        var halted = await admin.PutAsJsonAsync("/api/v1/admin/accounts/alice", new { trading_halted = true, reason = "limit breach" });
        Assert.Equal(HttpStatusCode.OK, halted.StatusCode);
        await alice.WaitForStatusAsync(aliceOrder, "CANCELLED");
        Assert.Equal("ACCOUNT_HALTED", (await AuditAsync(alice, aliceOrder)).First(e => e.Str("actor") == "ADMIN").Str("error_code"));
        Assert.Equal("ACCOUNT_HALTED", (await (await alice.SubmitAsync(Resting())).JsonAsync()).Str("code"));
        foreach (var id in bobOrders) Assert.NotEqual("CANCELLED", (await bob.GetOrderAsync(id)).Str("status"));

        var cancelAll = await admin.PostAsync("/api/v1/admin/traders/bob/cancel-all?reason=desk%20closed", null);
        Assert.Equal(2, (await cancelAll.JsonAsync()).GetProperty("data").GetArrayLength());
        foreach (var id in bobOrders)
        {
            await bob.WaitForStatusAsync(id, "CANCELLED");
            var entry = (await AuditAsync(bob, id)).First(e => e.Str("actor") == "ADMIN");
            Assert.Equal(("ADMIN_CANCEL", "Cancelled by administrator admin: desk closed"), (entry.Str("error_code"), entry.Str("reason")));
        }
        await bob.SubmitOkAsync(Resting());                                              // not halted: a cancel-all only cancels

        foreach (var (method, path, body) in new (string, string, object?)[]
        {
            ("PUT", "/api/v1/admin/accounts/nobody", new { trading_halted = true }),
            ("POST", "/api/v1/admin/traders/nobody/cancel-all", null),
        })
        {
            var response = method == "PUT" ? await admin.PutAsJsonAsync(path, body) : await admin.PostAsync(path, null);
            Assert.Equal((HttpStatusCode.NotFound, "TRADER_NOT_FOUND"), (response.StatusCode, (await response.JsonAsync()).Str("code")));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await f.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/account?trader_id=nobody")).StatusCode);
    }

    [Fact]
    public async Task The_legacy_path_keeps_the_halts()
    {
        var f = Start(executionV2: "off");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        await alice.SubmitOkAsync(Resting());
        await f.ClientFor(FillmoreFactory.Admin).PutAsJsonAsync("/api/v1/admin/trading-halt", new { halted = true, reason = "drill" });
        var refused = await alice.SubmitAsync(Resting());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "TRADING_HALTED"), (refused.StatusCode, (await refused.JsonAsync()).Str("code")));
        var denied = (await (await alice.GetAsync("/api/v1/orders?status=DENIED")).JsonAsync()).GetProperty("data")[0];
        Assert.Equal("LEGACY", denied.Str("execution_path"));
    }

    [Fact]
    public async Task The_flag_is_persisted_audited_and_survives_a_restart()
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-flag-").FullName;
        using (var first = new FillmoreFactory(dir))
        {
            var put = await first.ClientFor(FillmoreFactory.Admin).PutAsJsonAsync("/api/v1/admin/execution-flag", new { value = "25%" });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using var second = new FillmoreFactory(dir);
        var flag = await (await second.ClientFor(FillmoreFactory.Admin).GetAsync("/api/v1/admin/execution-flag")).JsonAsync();
        Assert.Equal(("25%", 25), (flag.Str("value"), flag.GetProperty("percent_of_traders").GetInt32()));
        var entry = Assert.Single(await ControlEntriesAsync(second, "FLAG_CHANGED"));
        Assert.Equal("ORDER_EXECUTION_V2_ENABLED changed from on to 25% by administrator admin.", entry.Str("reason"));
    }

    [Fact]
    public async Task Controls_that_make_no_sense_are_refused_and_nothing_is_stored()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        foreach (var (order, code) in new (object, string)[]
        {
            (new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", max_slippage_bps = -1 }, "MAX_SLIPPAGE_INVALID"),
            (new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", max_slippage_bps = 10001 }, "MAX_SLIPPAGE_INVALID"),
            (new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175m, max_slippage_bps = 10 }, "MAX_SLIPPAGE_NOT_APPLICABLE"),
            (new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", max_wait_seconds = 0 }, "MAX_WAIT_INVALID"),
            (new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", max_wait_seconds = 2592001 }, "MAX_WAIT_INVALID"),
            (new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", max_wait_seconds = 1.5 }, "MAX_WAIT_INVALID"),
        })
        {
            var response = await alice.SubmitAsync(order);
            var body = await response.JsonAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.Str("code") == code && e.Str("suggestion").Length > 0);
        }
        Assert.Equal(0, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());
        var admin = f.ClientFor(FillmoreFactory.Admin);
        var cap = await admin.PutAsJsonAsync("/api/v1/admin/accounts/alice", new { max_slippage_bps = 50, default_max_slippage_bps = 20 });
        Assert.Equal(HttpStatusCode.OK, cap.StatusCode);
        var above = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET", max_slippage_bps = 80 });
        Assert.Equal("MAX_SLIPPAGE_ABOVE_LIMIT", (await above.JsonAsync()).Str("code"));
        var byDefault = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        Assert.Equal(20m, byDefault.GetProperty("max_slippage_bps").GetDecimal());
        Assert.Contains(await ControlEntriesAsync(f, "ACCOUNT_CHANGED"), e => e.Str("reason").Contains("max_slippage_bps none -> 50"));
        var bad = await admin.PutAsJsonAsync("/api/v1/admin/accounts/alice", new { max_slippage_bps = 0 });
        Assert.Equal("MAX_SLIPPAGE_INVALID", (await bad.JsonAsync()).GetProperty("errors")[0].Str("code"));
        var venue = await admin.PutAsJsonAsync("/api/v1/admin/venues/NOPE/halt", new { halted = true });
        Assert.Equal((HttpStatusCode.NotFound, "VENUE_NOT_FOUND"), (venue.StatusCode, (await venue.JsonAsync()).Str("code")));
    }

    [Fact]
    public async Task A_fatal_answer_halts_the_venue_until_an_admin_resumes_it()
    {
        await using var exchange = ExchangeHost.Build(["--urls", "http://127.0.0.1:0", "--Exchange:QuoteInterval", "01:00:00", "--Exchange:ApiKey", "right-key"]);
        await exchange.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var url = exchange.Urls.Single();
        await using var quotes = new RemoteVenue(new RemoteVenueOptions { Url = url, ApiKey = "right-key" }, TimeProvider.System);
        await using var orders = new RemoteVenue(new RemoteVenueOptions { Url = url, ApiKey = "revoked-key" }, TimeProvider.System);
        Assert.True(await quotes.WaitUntilReadyAsync());
        using var f = new FillmoreFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IVenue>(orders);                                     // order entry refused: credentials revoked
                services.AddSingleton<IMarketData>(quotes);
            },
        };
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var admin = f.ClientFor(FillmoreFactory.Admin);
        var first = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        await alice.WaitForStatusAsync(first.Id(), "FAILED");
        Assert.Equal("UNAUTHORIZED", (await AuditAsync(alice, first.Id()))[^1].Str("error_code"));

        var venues = await (await admin.GetAsync("/api/v1/admin/venues")).JsonAsync();
        var sim = venues.GetProperty("data")[0];
        Assert.True(sim.GetProperty("halted").GetBoolean());
        Assert.Contains("UNAUTHORIZED", sim.Str("halt_reason"));
        var refused = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "VENUE_HALTED"), (refused.StatusCode, (await refused.JsonAsync()).Str("code")));
        var halted = Assert.Single(await ControlEntriesAsync(f, "HALTED"));
        Assert.Equal(("SYSTEM", "SIM", "VENUE_HALTED"), (halted.Str("actor"), halted.Str("venue"), halted.Str("error_code")));

        var resumed = await (await admin.PutAsJsonAsync("/api/v1/admin/venues/SIM/halt", new { halted = false })).JsonAsync();
        Assert.False(resumed.GetProperty("halted").GetBoolean());
        Assert.Equal("ADMIN", Assert.Single(await ControlEntriesAsync(f, "RESUMED")).Str("actor"));
        var again = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        await alice.WaitForStatusAsync(again.Id(), "FAILED");                             // still refused: halted again
        await Wait.UntilAsync(async () => (await (await admin.GetAsync("/api/v1/admin/venues")).JsonAsync()).GetProperty("data")[0]
            .GetProperty("halted").GetBoolean(), "the venue is halted again");
    }

    private static async Task SetPriceAsync(FillmoreFactory f, string symbol, decimal price)
    {
        var response = await f.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/prices", new { symbol, price });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
