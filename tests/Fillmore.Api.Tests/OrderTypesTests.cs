// Orders that do what they say, end to end through the HTTP API against the in-process paper
// exchange, with prices moved by the test (POST /api/v1/admin/prices): brackets (a partial entry,
// the stop-loss selling exactly what was bought, the take-profit cancelled; also across a restart),
// OCO, trailing stops, held stops on a venue without native stops, DAY and GTD expiry (FakeTimeProvider,
// and a venue expiry racing ours), amend with a racing fill, cancel-all, a parent's cancel cascading.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Time.Testing;

public sealed class OrderTypesTests : IDisposable
{
    private readonly List<FillmoreFactory> _factories = [];

    private FillmoreFactory Start(Action<FillmoreFactory>? configure = null, string? dir = null, FakeTimeProvider? time = null,
        SimulatedVenue? venue = null)
    {
        var factory = new FillmoreFactory(dir, time: time, venue: venue);
        configure?.Invoke(factory);
        _factories.Add(factory);
        return factory;
    }

    public void Dispose()
    {
        foreach (var f in _factories) f.Dispose();
    }

    private static async Task SetPriceAsync(FillmoreFactory f, string symbol, decimal price)
    {
        var response = await f.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/prices", new { symbol, price });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<long> PositionAsync(HttpClient client, string symbol)
    {
        var account = await (await client.GetAsync("/api/v1/account")).JsonAsync();
        return account.GetProperty("positions").EnumerateArray().Where(p => p.Str("symbol") == symbol)
            .Select(p => p.GetProperty("quantity").GetInt64()).SingleOrDefault();
    }

    private static async Task<JsonElement> LegAsync(HttpClient client, string parentId, string role)
    {
        var parent = await client.GetOrderAsync(parentId);
        return parent.GetProperty("legs").EnumerateArray().Single(l => l.Str("leg_role") == role);
    }

    private static async Task<List<string>> ActionsAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/orders/{id}/audit")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Select(e => e.Str("action")).ToList();

    private static object Bracket(long quantity = 100, decimal price = 189m) => new
    {
        symbol = "AAPL", side = "BUY", quantity, order_type = "LIMIT", price, time_in_force = "GTC", stop_loss = 180m, take_profit = 200m,
    };

    [Fact]
    public async Task A_bracket_filled_in_part_then_stopped_out_sells_exactly_what_was_bought_and_ends_flat()
    {
        var f = Start(x => x.Settings["Fillmore:SimulatedVenue:DisplayedSize"] = "40");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var entry = await alice.SubmitOkAsync(Bracket());
        Assert.Equal("BRACKET", entry.Str("order_class"));
        await alice.WaitForStatusAsync(entry.Id(), "PENDING");

        await SetPriceAsync(f, "AAPL", 188.50m);                                        // 40 of 100 trade
        await alice.WaitForStatusAsync(entry.Id(), "PARTIAL");
        await Wait.UntilAsync(async () => (await LegAsync(alice, entry.Id(), "STOP_LOSS")).GetProperty("working").GetProperty("quantity").GetInt64() == 40,
            "the stop-loss protects the 40 bought");
        await SetPriceAsync(f, "AAPL", 179m);                                           // through the stop (and 40 more trade on the way)

        var stop = await LegAsync(alice, entry.Id(), "STOP_LOSS");
        stop = await f.FilledAsync(alice, stop.Id());
        var bought = (await alice.GetOrderAsync(entry.Id())).GetProperty("filled_quantity").GetInt64();
        Assert.Equal(bought, stop.GetProperty("filled_quantity").GetInt64());
        Assert.Equal(("CANCELLED", "MARKET"), ((await alice.GetOrderAsync(entry.Id())).Str("status"), stop.GetProperty("working").Str("order_type")));
        Assert.Equal("CANCELLED", (await LegAsync(alice, entry.Id(), "TAKE_PROFIT")).Str("status"));
        Assert.Equal(0, await PositionAsync(alice, "AAPL"));
        var actions = await ActionsAsync(alice, stop.Id());
        Assert.Equal(["SUBMITTED", "ARMED"], actions.Take(2));
        Assert.Equal(1, actions.Count(a => a == "RELEASED"));                           // released at most once
        Assert.True(actions.IndexOf("TRIGGERED") < actions.IndexOf("RELEASED"), string.Join(",", actions));
        Assert.Equal("FILLED", actions[^1]);
    }

    [Fact]
    public async Task A_bracket_armed_before_a_restart_is_re_armed_and_stops_out_after_it()
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-bracket-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero));
        using var venue = new SimulatedVenue(new SimulatedVenueOptions { DisplayedSize = 40 }, time);
        string entryId, stopId;
        using (var first = new FillmoreFactory(dir, time: time, venue: venue))
        {
            var alice = first.ClientFor(FillmoreFactory.Alice);
            entryId = (await alice.SubmitOkAsync(Bracket())).Id();
            await alice.WaitForStatusAsync(entryId, "PENDING");
            await SetPriceAsync(first, "AAPL", 188.50m);
            await alice.WaitForStatusAsync(entryId, "PARTIAL");
            stopId = (await LegAsync(alice, entryId, "STOP_LOSS")).Id();
            await Wait.UntilAsync(async () => (await alice.GetOrderAsync(stopId)).GetProperty("working").GetProperty("quantity").GetInt64() == 40,
                "the stop-loss protects the 40 bought");
        }
        var second = Start(dir: dir, time: time, venue: venue);                       // the same database, venue and clock
        var again = second.ClientFor(FillmoreFactory.Alice);
        Assert.Equal(("HELD", 180m), ((await again.GetOrderAsync(stopId)).Str("status"), (await again.GetOrderAsync(stopId)).GetProperty("trigger_price").GetDecimal()));
        await SetPriceAsync(second, "AAPL", 179m);
        var stop = await second.FilledAsync(again, stopId);
        Assert.Equal((await again.GetOrderAsync(entryId)).GetProperty("filled_quantity").GetInt64(), stop.GetProperty("filled_quantity").GetInt64());
        Assert.Equal("CANCELLED", (await LegAsync(again, entryId, "TAKE_PROFIT")).Str("status"));
        Assert.Equal(0, await PositionAsync(again, "AAPL"));
    }

    [Fact]
    public async Task An_oco_leg_that_executes_cancels_the_other_at_the_venue()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        await alice.WaitForStatusAsync((await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" })).Id(), "FILLED");
        var oco = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "SELL", quantity = 10, order_class = "OCO", take_profit = 195m,
            stop_loss = 185m, time_in_force = "GTC" });
        Assert.Equal(("OCO", "TAKE_PROFIT", "LIMIT", 195m), (oco.Str("order_class"), oco.Str("leg_role"), oco.GetProperty("working").Str("order_type"),
            oco.GetProperty("working").GetProperty("price").GetDecimal()));
        var stop = await LegAsync(alice, oco.Id(), "STOP_LOSS");
        await alice.WaitForStatusAsync(stop.Id(), "PENDING");                          // the paper exchange holds stops itself
        await SetPriceAsync(f, "AAPL", 196m);
        await alice.WaitForStatusAsync(oco.Id(), "FILLED");
        var cancelled = await alice.WaitForStatusAsync(stop.Id(), "CANCELLED");
        Assert.Contains("one-cancels-other", cancelled.Str("reason"));
        Assert.Equal(0, await PositionAsync(alice, "AAPL"));
        Assert.Equal(0, f.Venue.AllOrders().Single(o => o.OrderId.Value == Guid.Parse(stop.Id())).CumulativeQuantity);
    }

    [Fact]
    public async Task A_trailing_stop_follows_the_best_price_never_moves_back_and_triggers_on_the_pull_back()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        await alice.WaitForStatusAsync((await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" })).Id(), "FILLED");
        var trail = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "SELL", quantity = 10, order_type = "TRAILING_STOP", trail_price = 2.00m,
            time_in_force = "GTC" });
        Assert.Equal(("HELD", 2.00m), (trail.Str("status"), trail.GetProperty("trail_price").GetDecimal()));
        async Task<decimal?> TriggerAsync() => (await alice.GetOrderAsync(trail.Id())).GetProperty("trigger_price") is { ValueKind: JsonValueKind.Number } t
            ? t.GetDecimal() : null;

        await SetPriceAsync(f, "AAPL", 190m);                                          // bid 189.99: the stop at 187.99
        await Wait.UntilAsync(async () => await TriggerAsync() == 187.99m, "the trailing stop armed at 187.99");
        await SetPriceAsync(f, "AAPL", 195m);                                          // bid 194.99: the stop follows to 192.99
        await Wait.UntilAsync(async () => await TriggerAsync() == 192.99m, "the trailing stop followed to 192.99");
        await SetPriceAsync(f, "AAPL", 194m);                                          // a dip above the stop: nothing moves back
        await SetPriceAsync(f, "AAPL", 194.5m);
        Assert.Equal(192.99m, await TriggerAsync());
        Assert.Equal("HELD", (await alice.GetOrderAsync(trail.Id())).Str("status"));
        await SetPriceAsync(f, "AAPL", 192.50m);                                       // bid 192.49 <= 192.99: triggered
        var filled = await alice.WaitForStatusAsync(trail.Id(), "FILLED");
        Assert.Equal(("MARKET", 192.49m), (filled.GetProperty("working").Str("order_type"), filled.GetProperty("average_fill_price").GetDecimal()));
        // The trail stays on the order as submitted; the released (MARKET) working terms have none.
        Assert.Equal(2.00m, filled.GetProperty("trail_price").GetDecimal());
        Assert.Equal(JsonValueKind.Null, filled.GetProperty("trail_percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, filled.GetProperty("working").GetProperty("trail_price").ValueKind);
        var triggered = (await (await alice.GetAsync($"/api/v1/orders/{trail.Id()}/audit")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(e => e.Str("action") == "TRIGGERED");
        Assert.Contains("Trigger 192.99 touched at 192.49", triggered.Str("reason"));
    }

    [Theory]
    [InlineData(false, "HELD")]
    [InlineData(true, "PENDING")]
    public async Task A_stop_is_held_by_fillmore_when_the_venue_has_no_native_stops_and_sent_when_it_has(bool nativeStops, string status)
    {
        var f = Start(x => x.Settings["Fillmore:SimulatedVenue:NativeStops"] = nativeStops ? "true" : "false");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var stop = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "STOP", stop_price = 195m, time_in_force = "GTC" });
        await alice.WaitForStatusAsync(stop.Id(), status);
        Assert.Equal(nativeStops, f.Venue.Submissions.ContainsKey(new Core.Orders.OrderId(Guid.Parse(stop.Id()))));
        await SetPriceAsync(f, "AAPL", 196m);                                          // ask 196.01 >= 195
        var filled = await alice.WaitForStatusAsync(stop.Id(), "FILLED");
        Assert.Equal(nativeStops ? "STOP" : "MARKET", filled.GetProperty("working").Str("order_type"));
        Assert.Equal(1, f.Venue.Submissions[new Core.Orders.OrderId(Guid.Parse(stop.Id()))]);
    }

    [Fact]
    public async Task A_day_order_expires_at_the_session_close_once_even_when_the_venues_expiry_races_ours()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 20, 59, 50, TimeSpan.Zero));   // 15:59:50 in New York
        var f = Start(time: time);
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var day = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "LIMIT", price = 180m });
        var racing = await alice.SubmitOkAsync(new { symbol = "MSFT", side = "BUY", quantity = 5, order_type = "LIMIT", price = 400m });
        Assert.Equal("2026-11-24T21:00:00Z", day.Str("expires_at"));
        await alice.WaitForStatusAsync(day.Id(), "PENDING");
        await alice.WaitForStatusAsync(racing.Id(), "PENDING");

        f.Venue.ExpireDayOrders();                                                     // the venue's own session end ...
        time.Advance(TimeSpan.FromSeconds(10));                                        // ... and Fillmore's deadline
        foreach (var id in new[] { day.Id(), racing.Id() })
        {
            var expired = await alice.WaitForStatusAsync(id, "EXPIRED");
            Assert.Contains("DAY order", expired.Str("reason"));
            await Wait.UntilAsync(async () => !(await ActionsAsync(alice, id)).Contains("CANCEL_REQUESTED")
                || (await ActionsAsync(alice, id)).Count(a => a == "EXPIRED") == 1, "the expiry settled");
            Assert.Equal(1, (await ActionsAsync(alice, id)).Count(a => a == "EXPIRED"));
        }
    }

    [Fact]
    public async Task A_gtd_order_expires_at_its_time_held_or_at_the_venue()
    {
        var f = Start(x => x.Settings["Fillmore:SimulatedVenue:NativeStops"] = "false");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var at = f.Time.GetUtcNow().AddMinutes(1).ToString("O");
        var resting = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "LIMIT", price = 180m,
            time_in_force = "GTD", expire_at = at });
        var held = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "STOP", stop_price = 199m,
            time_in_force = "GTD", expire_at = at });
        await alice.WaitForStatusAsync(resting.Id(), "PENDING");
        Assert.Equal(("GTC", "HELD"), (resting.GetProperty("working").Str("time_in_force"), held.Str("status")));   // GTD goes out as GTC
        f.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Contains("good till", (await alice.WaitForStatusAsync(resting.Id(), "EXPIRED")).Str("reason"));
        Assert.Contains("good till", (await alice.WaitForStatusAsync(held.Id(), "EXPIRED")).Str("reason"));
    }

    [Fact]
    public async Task An_amend_replaces_at_the_venue_and_a_fill_that_races_it_counts_once()
    {
        var f = Start(x =>
        {
            x.Settings["Fillmore:SimulatedVenue:DisplayedSize"] = "40";
            x.Settings["Fillmore:SimulatedVenue:Latency"] = "00:00:01";
            x.Settings["Fillmore:SimulatedVenue:QuoteInterval"] = "01:00:00";   // prices move only when the test moves them
        });
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var order = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 100, order_type = "LIMIT", price = 185m, time_in_force = "GTC" });
        await Wait.UntilAsync(() => f.Venue.Arrived.Count == 1, "the order reached the venue");
        f.Time.Advance(TimeSpan.FromSeconds(1));
        await alice.WaitForStatusAsync(order.Id(), "PENDING");

        var amending = alice.PatchAsJsonAsync($"/api/v1/orders/{order.Id()}", new { quantity = 120, price = 184m });
        await Wait.UntilAsync(async () => (await alice.GetOrderAsync(order.Id())).GetProperty("working").GetProperty("pending_amend").ValueKind
            == JsonValueKind.Object, "the replace is on its way");
        await SetPriceAsync(f, "AAPL", 184.50m);                                       // 40 trade on the old terms meanwhile
        await alice.WaitForStatusAsync(order.Id(), "PARTIAL");
        f.Time.Advance(TimeSpan.FromSeconds(1));                                       // the venue takes the replace
        Assert.Equal(HttpStatusCode.Accepted, (await amending).StatusCode);
        await Wait.UntilAsync(async () => (await alice.GetOrderAsync(order.Id())).GetProperty("working").GetProperty("quantity").GetInt64() == 120,
            "the replace is confirmed");
        var amended = await alice.GetOrderAsync(order.Id());
        Assert.Equal((120L, 184m, 40L, 1), (amended.GetProperty("working").GetProperty("quantity").GetInt64(),
            amended.GetProperty("working").GetProperty("price").GetDecimal(), amended.GetProperty("filled_quantity").GetInt64(),
            amended.GetProperty("fills").GetArrayLength()));
        Assert.Equal((100L, 185m), (amended.GetProperty("quantity").GetInt64(), amended.GetProperty("price").GetDecimal()));   // as submitted
        var actions = await ActionsAsync(alice, order.Id());
        Assert.True(actions.IndexOf("AMEND_REQUESTED") < actions.IndexOf("AMENDED"), string.Join(",", actions));
        Assert.Equal(40, await PositionAsync(alice, "AAPL"));
    }

    [Fact]
    public async Task A_held_order_is_amended_at_once_and_its_trigger_follows()
    {
        var f = Start(x => x.Settings["Fillmore:SimulatedVenue:NativeStops"] = "false");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var stop = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "STOP", stop_price = 195m, time_in_force = "GTC" });
        var response = await alice.PatchAsJsonAsync($"/api/v1/orders/{stop.Id()}", new { stop_price = 197m, quantity = 7 });
        var amended = await response.JsonAsync();
        Assert.Equal((HttpStatusCode.OK, 197m, 7L), (response.StatusCode, amended.GetProperty("trigger_price").GetDecimal(),
            amended.GetProperty("working").GetProperty("quantity").GetInt64()));
        await SetPriceAsync(f, "AAPL", 196m);                                          // the old trigger would have fired
        await SetPriceAsync(f, "AAPL", 198m);
        var filled = await alice.WaitForStatusAsync(stop.Id(), "FILLED");
        Assert.Equal(7, filled.GetProperty("filled_quantity").GetInt64());
    }

    [Fact]
    public async Task Cancel_all_cancels_every_open_and_held_order_and_symbol_narrows_it()
    {
        var f = Start(x => x.Settings["Fillmore:SimulatedVenue:NativeStops"] = "false");
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var aapl = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "LIMIT", price = 180m, time_in_force = "GTC" });
        var msft = await alice.SubmitOkAsync(new { symbol = "MSFT", side = "BUY", quantity = 5, order_type = "LIMIT", price = 400m, time_in_force = "GTC" });
        var held = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "STOP", stop_price = 199m, time_in_force = "GTC" });
        await alice.WaitForStatusAsync(aapl.Id(), "PENDING");
        await alice.WaitForStatusAsync(msft.Id(), "PENDING");

        var narrowed = await (await alice.DeleteAsync("/api/v1/orders?symbol=AAPL")).JsonAsync();
        Assert.Equal(new[] { aapl.Id(), held.Id() }.Order(), narrowed.GetProperty("data").EnumerateArray().Select(o => o.Id()).Order());
        await alice.WaitForStatusAsync(aapl.Id(), "CANCELLED");
        Assert.Equal("CANCELLED", (await alice.GetOrderAsync(held.Id())).Str("status"));
        Assert.Equal("PENDING", (await alice.GetOrderAsync(msft.Id())).Str("status"));
        var rest = await (await alice.DeleteAsync("/api/v1/orders")).JsonAsync();
        Assert.Equal([msft.Id()], rest.GetProperty("data").EnumerateArray().Select(o => o.Id()));
        await alice.WaitForStatusAsync(msft.Id(), "CANCELLED");
        Assert.Equal(0, (await (await alice.DeleteAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_brackets_entry_cancels_its_exits()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var entry = await alice.SubmitOkAsync(Bracket(quantity: 10, price: 185m));
        await alice.WaitForStatusAsync(entry.Id(), "PENDING");
        Assert.True((await alice.PostAsync($"/api/v1/orders/{entry.Id()}/cancel", null)).IsSuccessStatusCode);
        await alice.WaitForStatusAsync(entry.Id(), "CANCELLED");
        foreach (var role in new[] { "TAKE_PROFIT", "STOP_LOSS" })
        {
            var exit = await LegAsync(alice, entry.Id(), role);
            Assert.Equal(("CANCELLED", entry.Id()), (exit.Str("status"), exit.Str("parent_order_id")));
            Assert.Contains("PARENT_CANCELLED", (await (await alice.GetAsync($"/api/v1/orders/{exit.Id()}/audit")).JsonAsync()).ToString());
        }
    }

    public static TheoryData<string, string> Nonsense() => new()
    {
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"stop_loss":195,"take_profit":200}""", "STOP_LOSS_WRONG_SIDE" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_type":"TRAILING_STOP","trail_percent":0}""", "TRAIL_PERCENT_OUT_OF_RANGE" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_type":"TRAILING_STOP","trail_percent":100}""", "TRAIL_PERCENT_OUT_OF_RANGE" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_type":"TRAILING_STOP"}""", "TRAIL_REQUIRED" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_type":"TRAILING_STOP","trail_price":1,"trail_percent":2}""", "TRAIL_CONFLICT" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_type":"LIMIT","price":190,"trail_price":1}""", "TRAIL_NOT_ALLOWED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"time_in_force":"GTD","expire_at":"2020-01-01T00:00:00Z"}""", "EXPIRE_AT_IN_PAST" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"time_in_force":"GTD"}""", "EXPIRE_AT_REQUIRED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"expire_at":"2030-01-01T00:00:00Z"}""", "EXPIRE_AT_NOT_ALLOWED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"time_in_force":"GTD","expire_at":"soon"}""", "EXPIRE_AT_INVALID" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_class":"OCO","take_profit":180,"stop_loss":185}""", "OCO_LEGS_SAME_SIDE" },
        { """{"symbol":"AAPL","side":"SELL","quantity":5,"order_class":"OCO","take_profit":200}""", "OCO_LEGS_REQUIRED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"order_class":"BRACKET","stop_loss":185}""", "BRACKET_EXITS_REQUIRED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"order_class":"OTO","stop_loss":185,"take_profit":200}""", "OTO_EXIT_REQUIRED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"order_class":"SIMPLE","stop_loss":185}""", "EXITS_NOT_ALLOWED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"order_class":"WEIRD"}""", "ORDER_CLASS_INVALID" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"stop_loss":185,"take_profit":200,"time_in_force":"IOC"}""", "TIME_IN_FORCE_NOT_ALLOWED" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"stop_loss":185,"stop_loss_limit_price":186,"take_profit":200}""", "STOP_LOSS_LIMIT_WRONG_SIDE" },
        { """{"symbol":"AAPL","side":"BUY","quantity":5,"order_type":"LIMIT","price":190,"stop_loss_limit_price":186}""", "STOP_LOSS_LIMIT_WITHOUT_STOP_LOSS" },
    };

    [Theory]
    [MemberData(nameof(Nonsense))]
    public async Task An_order_that_makes_no_sense_is_refused_with_its_code_and_nothing_is_created(string body, string code)
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var response = await alice.PostAsync("/api/v1/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.Str("code") == code && e.Str("suggestion").Length > 0);
        Assert.Equal(0, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Empty(f.Venue.Arrived);
    }

    [Fact]
    public async Task Amends_that_make_no_sense_are_refused_and_change_nothing()
    {
        var f = Start();
        var alice = f.ClientFor(FillmoreFactory.Alice);
        var filled = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "MARKET" });
        await alice.WaitForStatusAsync(filled.Id(), "FILLED");
        var resting = await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "LIMIT", price = 180m, time_in_force = "GTC" });
        await alice.WaitForStatusAsync(resting.Id(), "PENDING");

        async Task<(HttpStatusCode, string)> Patch(string id, object body)
        {
            var r = await alice.PatchAsJsonAsync($"/api/v1/orders/{id}", body);
            var j = await r.JsonAsync();
            return (r.StatusCode, j.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0 ? errors[0].Str("code") : j.Str("code"));
        }
        Assert.Equal((HttpStatusCode.Conflict, "ORDER_NOT_AMENDABLE"), await Patch(filled.Id(), new { quantity = 10 }));
        Assert.Equal((HttpStatusCode.BadRequest, "FIELD_NOT_AMENDABLE"), await Patch(resting.Id(), new { symbol = "MSFT" }));
        Assert.Equal((HttpStatusCode.BadRequest, "FIELD_NOT_AMENDABLE"), await Patch(resting.Id(), new { side = "SELL", price = 181m }));
        Assert.Equal((HttpStatusCode.BadRequest, "FIELD_NOT_AMENDABLE"), await Patch(resting.Id(), new { stop_price = 170m }));
        Assert.Equal((HttpStatusCode.BadRequest, "AMEND_EMPTY"), await Patch(resting.Id(), new { }));
        Assert.Equal((HttpStatusCode.BadRequest, "PRICE_NOT_POSITIVE"), await Patch(resting.Id(), new { price = -1m }));
        Assert.Equal((HttpStatusCode.BadRequest, "QUANTITY_NOT_WHOLE"), await Patch(resting.Id(), new { quantity = 1.5m }));
        // Every problem at once: the fields no amend changes (sent as null too) with the others' problems.
        var all = await alice.PatchAsJsonAsync($"/api/v1/orders/{resting.Id()}",
            new { symbol = "MSFT", stop_loss = (decimal?)null, quantity = 1.5m, price = 0m });
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Equal([("symbol", "FIELD_NOT_AMENDABLE"), ("stop_loss", "FIELD_NOT_AMENDABLE"), ("quantity", "QUANTITY_NOT_WHOLE"),
            ("price", "PRICE_NOT_POSITIVE")], (await all.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => (e.Str("field"), e.Str("code"))));
        Assert.Equal((HttpStatusCode.BadRequest, "PRICE_NOT_ON_TICK"), await Patch(resting.Id(), new { price = 180.001m }));
        Assert.Equal((HttpStatusCode.NotFound, "ORDER_NOT_FOUND"), await Patch(Guid.NewGuid().ToString(), new { price = 181m }));
        var after = await alice.GetOrderAsync(resting.Id());
        Assert.Equal((5L, 180m), (after.GetProperty("working").GetProperty("quantity").GetInt64(), after.GetProperty("working").GetProperty("price").GetDecimal()));
        Assert.DoesNotContain("AMEND_REQUESTED", await ActionsAsync(alice, resting.Id()));
    }

    [Fact]
    public async Task The_stream_carries_each_exit_and_trigger_event_in_seq_order()
    {
        var f = new FillmoreFactory(kestrel: true);
        _factories.Add(f);
        var alice = f.ClientFor(FillmoreFactory.Alice);
        await using var stream = await StreamClient.ConnectAsync(f.ServerAddress, FillmoreFactory.Alice);
        await alice.WaitForStatusAsync((await alice.SubmitOkAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" })).Id(), "FILLED");
        var entry = await alice.SubmitOkAsync(Bracket(quantity: 10, price: 191m));     // marketable: fills at once
        await alice.WaitForStatusAsync(entry.Id(), "FILLED");
        await SetPriceAsync(f, "AAPL", 201m);                                          // the take-profit triggers
        var takeProfit = await LegAsync(alice, entry.Id(), "TAKE_PROFIT");
        var events = await stream.EventsUntilAsync(e => e.Str("order_id") == takeProfit.Id() && e.Str("event") == "order.filled");
        var seqs = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        var forExits = events.Where(e => e.Str("parent_order_id") == entry.Id()).Select(e => e.Str("event")).ToList();
        Assert.Contains("order.triggered", forExits);
        Assert.Contains("order.cancelled", forExits);                                  // the stop-loss, one-cancels-other
        Assert.Equal(2, events.Count(e => e.Str("parent_order_id") == entry.Id() && e.Str("event") == "order.accepted"));
    }
}
