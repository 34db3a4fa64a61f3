// The status stream against a real Kestrel host with real WebSocket clients.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fillmore.Api.Streaming;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

public sealed class StreamTests : IDisposable
{
    private readonly FillmoreFactory _factory = new(kestrel: true);

    public void Dispose() => _factory.Dispose();

    private static readonly object MarketBuy = Market(10);

    private static object Market(int quantity) => new { symbol = "AAPL", side = "BUY", quantity, order_type = "MARKET" };

    private async Task<string> SubmitAsync(string key, object order)
    {
        var response = await _factory.ClientFor(key).SubmitAsync(order);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).Id();
    }

    private static bool IsTerminalFor(JsonElement e, string orderId) =>
        e.Str("order_id") == orderId && e.Str("status") is "FILLED" or "CANCELLED" or "REJECTED";

    [Fact]
    public async Task A_market_order_streams_accepted_submitted_and_filled_with_the_fill_and_position()
    {
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        var id = await SubmitAsync(FillmoreFactory.Alice, Market(10));
        var events = await alice.EventsUntilAsync(e => IsTerminalFor(e, id));
        Assert.Equal(["order.accepted", "order.submitted", "order.filled"], events.Select(e => e.Str("event")));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("seq").GetInt64()));
        var filled = events[^1];
        Assert.Equal((10L, 10L), (filled.GetProperty("fill").GetProperty("quantity").GetInt64(), filled.GetProperty("position").GetProperty("quantity").GetInt64()));
        Assert.Equal("SIM", filled.GetProperty("fill").Str("venue"));
        Assert.True(filled.GetProperty("fill").GetProperty("commission").GetDecimal() > 0);
        Assert.All(events, e => Assert.Equal(id, e.Str("order_id")));
    }

    [Fact]
    public async Task Reconnecting_with_since_replays_exactly_the_missed_events_then_continues_live()
    {
        var first = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        await _factory.ClientFor(FillmoreFactory.Alice).WaitForStatusAsync(first, "FILLED");
        var second = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        await _factory.ClientFor(FillmoreFactory.Alice).WaitForStatusAsync(second, "FILLED");

        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice, "since=2");
        var replayed = await alice.EventsUntilAsync(e => e.GetProperty("seq").GetInt64() == 6);
        Assert.Equal([3L, 4L, 5L, 6L], replayed.Select(e => e.GetProperty("seq").GetInt64()));
        var complete = await alice.NextAsync();
        Assert.Equal(("replay_complete", 6L), (complete.Str("event"), complete.GetProperty("last_seq").GetInt64()));

        var third = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        var live = await alice.EventsUntilAsync(e => IsTerminalFor(e, third));
        Assert.Equal([7L, 8L, 9L], live.Select(e => e.GetProperty("seq").GetInt64()));
    }

    // With several nodes, an event committed on another node comes through Redis and can arrive
    // after a later event committed here. The stream fills such a gap from the store at once.
    [Fact]
    public async Task An_event_that_arrives_late_is_still_sent_once_and_in_seq_order()
    {
        using var factory = new FillmoreFactory(kestrel: true);
        var lagging = new LaggingPublisher();
        factory.TestServices = services => services.AddSingleton<Fillmore.Core.Ports.IEventPublisher>(sp => lagging.Over(sp.GetRequiredService<EventHub>()));
        await using var alice = await StreamClient.ConnectAsync(factory.ServerAddress, FillmoreFactory.Alice);
        var response = await factory.ClientFor(FillmoreFactory.Alice).SubmitAsync(MarketBuy);
        var id = (await response.JsonAsync()).Id();

        var events = await alice.EventsUntilAsync(e => IsTerminalFor(e, id));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("order.submitted", events[1].Str("event"));
        Assert.Equal(1, lagging.HeldCount);
        lagging.Release();                                     // the late copy of seq 2 finally arrives: not sent again

        var next = await factory.ClientFor(FillmoreFactory.Alice).SubmitAsync(MarketBuy);
        var nextId = (await next.JsonAsync()).Id();
        var after = await alice.EventsUntilAsync(e => IsTerminalFor(e, nextId));
        Assert.Equal([4L, 5L, 6L], after.Select(e => e.GetProperty("seq").GetInt64()));
    }

    /// <summary>Holds back every order.submitted event until released, as a slow path from another node would.</summary>
    private sealed class LaggingPublisher : Fillmore.Core.Ports.IEventPublisher
    {
        private readonly List<Fillmore.Core.Streaming.OrderEvent> _held = [];
        private EventHub _hub = null!;

        public int HeldCount { get { lock (_held) return _held.Count; } }

        public LaggingPublisher Over(EventHub hub)
        {
            _hub = hub;
            return this;
        }

        public void Publish(IReadOnlyList<Fillmore.Core.Streaming.OrderEvent> committed)
        {
            lock (_held) _held.AddRange(committed.Where(e => e.Type == "order.submitted"));
            _hub.Publish(committed.Where(e => e.Type != "order.submitted").ToList());
        }

        public void Release()
        {
            List<Fillmore.Core.Streaming.OrderEvent> late;
            lock (_held) { late = [.. _held]; _held.Clear(); }
            _hub.Publish(late);
        }
    }

    [Fact]
    public async Task Traders_never_see_each_others_events_and_compliance_sees_all()
    {
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        await using var bob = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Bob);
        await using var compliance = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Compliance);
        var aliceOrder = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        var bobOrder = await SubmitAsync(FillmoreFactory.Bob, MarketBuy);

        var seenByAlice = await alice.EventsUntilAsync(e => IsTerminalFor(e, aliceOrder));
        var seenByBob = await bob.EventsUntilAsync(e => IsTerminalFor(e, bobOrder));
        Assert.All(seenByAlice, e => Assert.Equal("alice", e.Str("trader_id")));
        Assert.All(seenByBob, e => Assert.Equal("bob", e.Str("trader_id")));

        var all = new List<JsonElement>();
        while (all.Count(e => e.Str("status") == "FILLED") < 2) all.AddRange(await compliance.EventsUntilAsync(e => e.Str("status") == "FILLED"));
        Assert.Equal(["alice", "bob"], all.Select(e => e.Str("trader_id")).Distinct().Order());

        // A trader asking for someone else's stream still gets only their own.
        await using var sneaky = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Bob, "trader_id=alice&since=0");
        var replay = await sneaky.EventsUntilAsync(e => IsTerminalFor(e, bobOrder));
        Assert.All(replay, e => Assert.Equal("bob", e.Str("trader_id")));
    }

    [Fact]
    public async Task A_client_that_drops_during_a_burst_and_resumes_with_since_ends_in_the_same_state()
    {
        await using var steady = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        var flaky = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add(await SubmitAsync(FillmoreFactory.Alice, Market(1 + i)));
        var beforeDrop = await flaky.EventsUntilAsync(e => e.GetProperty("seq").GetInt64() >= 3);
        await flaky.DisposeAsync();                                     // gone mid-burst
        for (var i = 0; i < 6; i++) ids.Add(await SubmitAsync(FillmoreFactory.Alice, Market(10 + i)));

        var lastSeen = beforeDrop[^1].GetProperty("seq").GetInt64();
        await using var resumed = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice, $"since={lastSeen}");
        var total = ids.Count * 3;
        var afterResume = await resumed.EventsUntilAsync(e => e.GetProperty("seq").GetInt64() == total);
        var everything = await steady.EventsUntilAsync(e => e.GetProperty("seq").GetInt64() == total);

        var flakySeqs = beforeDrop.Concat(afterResume).Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), flakySeqs);
        static Dictionary<string, string> FinalState(IEnumerable<JsonElement> events) =>
            events.GroupBy(e => e.Str("order_id")).ToDictionary(g => g.Key, g => g.Last().Str("status") + "/" + g.Last().Str("filled_quantity"));
        Assert.Equal(FinalState(everything), FinalState(beforeDrop.Concat(afterResume)));
        Assert.Equal(ids.Order(), FinalState(everything).Keys.Order());
    }

    [Fact]
    public async Task Idle_connections_get_heartbeats_on_the_clock_of_the_host()
    {
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        _factory.Time.Advance(TimeSpan.FromSeconds(15));
        var frame = await alice.NextAsync();
        Assert.Equal("heartbeat", frame.Str("event"));
    }

    [Fact]
    public async Task Server_shutdown_sends_a_closing_frame_and_a_clean_close()
    {
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        var id = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        await alice.EventsUntilAsync(e => IsTerminalFor(e, id));
        var stopping = Task.Run(_factory.Dispose);
        var closing = await alice.NextAsync();
        Assert.Equal(("closing", "SERVER_SHUTTING_DOWN", 3L), (closing.Str("event"), closing.Str("code"), closing.GetProperty("resume_since").GetInt64()));
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => alice.NextAsync());
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, alice.Socket.CloseStatus);
        Assert.Contains("since=3", alice.Socket.CloseStatusDescription);
        await stopping;
    }

    [Fact]
    public async Task Authentication_is_required_and_browsers_may_pass_the_key_as_access_token()
    {
        var ex = await Assert.ThrowsAsync<Fillmore.Client.FillmoreApiException>(() => StreamClient.ConnectAsync(_factory.ServerAddress, null));
        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (ex.StatusCode, ex.Code));
        await using var browser = await StreamClient.ConnectAsync(_factory.ServerAddress, null, $"access_token={FillmoreFactory.Bob}");
        var id = await SubmitAsync(FillmoreFactory.Bob, MarketBuy);
        Assert.All(await browser.EventsUntilAsync(e => IsTerminalFor(e, id)), e => Assert.Equal("bob", e.Str("trader_id")));
        var bad = await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/ws/orders/events");
        Assert.Equal((HttpStatusCode.BadRequest, "WEBSOCKET_REQUIRED"), (bad.StatusCode, (await bad.JsonAsync()).Str("code")));
    }

    [Fact]
    public async Task Polling_returns_events_after_a_seq_and_long_polls_for_new_ones()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var id = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        await alice.WaitForStatusAsync(id, "FILLED");
        var page = await (await alice.GetAsync("/api/v1/events?after=1&limit=10")).JsonAsync();
        Assert.Equal([2L, 3L], page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(3, page.GetProperty("last_seq").GetInt64());

        var hub = _factory.Services.GetRequiredService<EventHub>();
        var listening = hub.SubscriberCount;
        var waiting = alice.GetAsync("/api/v1/events?after=3&wait=20");
        await Wait.UntilAsync(() => hub.SubscriberCount > listening, "the long poll listens for alice's events");   // the barrier
        Assert.False(waiting.IsCompleted);
        await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        var woke = await (await waiting).JsonAsync();
        Assert.Equal(4, woke.GetProperty("data")[0].GetProperty("seq").GetInt64());
        Assert.Equal("order.accepted", woke.GetProperty("data")[0].Str("event"));

        var empty = await (await alice.GetAsync("/api/v1/events?after=1000")).JsonAsync();
        Assert.Equal((0, 1000L), (empty.GetProperty("data").GetArrayLength(), empty.GetProperty("last_seq").GetInt64()));
        var compliance = await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/events");
        Assert.Equal("TRADER_ID_REQUIRED", (await compliance.JsonAsync()).Str("code"));
    }

    [Fact]
    public async Task Commit_to_send_latency_is_exported_on_metrics()
    {
        // The meter is process-wide and other test hosts run in parallel: compare before and after.
        var before = await SentCountAsync();
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        var id = await SubmitAsync(FillmoreFactory.Alice, MarketBuy);
        await alice.EventsUntilAsync(e => IsTerminalFor(e, id));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await SentCountAsync() < before + 3 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(await SentCountAsync() >= before + 3);
        Assert.Matches(@"fillmore_stream_commit_to_send_seconds_bucket\{[^}]*le=""0.005""\} \d", await _factory.CreateClient().GetStringAsync("/metrics"));
    }

    private async Task<long> SentCountAsync()
    {
        var metrics = await _factory.CreateClient().GetStringAsync("/metrics");
        var match = System.Text.RegularExpressions.Regex.Match(metrics, @"fillmore_stream_commit_to_send_seconds_count\{[^}]*\} (\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}

public sealed class SlowConsumerTests : IDisposable
{
    private readonly FillmoreFactory _factory = new(kestrel: true);

    public SlowConsumerTests()
    {
        // Larger than one group commit's burst (a reading client keeps up), far smaller than the backlog of one that stopped.
        _factory.Settings["Fillmore:Stream:BufferSize"] = "64";
        _factory.Settings["Fillmore:RateLimit:OrdersPerMinute"] = "100000";
        _factory.Settings["Fillmore:Risk:DefaultLimits:MaxOpenOrders"] = "100000";
        // Less buffering between the server and a client that stopped reading, so it overflows
        // sooner: small kernel send buffers (accepted sockets inherit them from the listener).
        _factory.Settings["Kestrel:Limits:MaxResponseBufferSize"] = "4096";
        _factory.TestServices = services => services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 4096;
            return socket;
        });
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_client_that_stops_reading_is_cut_off_and_never_slows_the_others()
    {
        using var slow = await ConnectWithoutReadingAsync(_factory.ServerAddress, FillmoreFactory.Compliance);
        await using var fast = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        const int orders = 300;
        var reading = fast.EventsUntilAsync(e => e.GetProperty("seq").GetInt64() == orders * 3);
        for (var batch = 0; batch < orders / 10; batch++)
        {
            var sent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })));
            Assert.All(sent, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        var events = await reading;
        Assert.Equal(Enumerable.Range(1, orders * 3).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        var metrics = _factory.Services.GetRequiredService<StreamMetrics>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (metrics.SlowDisconnects == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, metrics.SlowDisconnects);
    }

    // A WebSocket handshake on a raw socket with a tiny receive window, after which nothing is read.
    private static async Task<Socket> ConnectWithoutReadingAsync(Uri server, string apiKey)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 2048 };
        await socket.ConnectAsync(server.Host, server.Port);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET /ws/orders/events HTTP/1.1\r\nHost: {server.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nX-API-Key: {apiKey}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var head = new byte[256];
        var read = await socket.ReceiveAsync(head);
        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(head, 0, read));
        return socket;
    }
}
