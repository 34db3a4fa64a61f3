// The Redis parts of a cluster against a real Redis server: the per-trader token bucket shared
// by two nodes, its fallback when Redis is unreachable, and the event relay between two nodes.
namespace Fillmore.Api.Tests;

using System.Threading.RateLimiting;
using Fillmore.Api.Cluster;
using Fillmore.Api.Streaming;
using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Streaming;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Order = Fillmore.Core.Orders.Order;

public sealed class RedisClusterTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        if (RedisFactAttribute.Server is { } server) _redis = await ConnectionMultiplexer.ConnectAsync(server);
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private RedisTokenBucket Bucket(IConnectionMultiplexer redis, int perMinute, RateLimiter? fallback = null) =>
        new(redis.GetDatabase(), $"fillmore-test:{_run}:rate:alice", perMinute,
            fallback ?? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1), QueueLimit = 0 }),
            NullLogger.Instance);

    [RedisFact]
    public async Task Two_nodes_share_one_bucket_per_trader()
    {
        await using var second = await ConnectionMultiplexer.ConnectAsync(RedisFactAttribute.Server!);
        var (nodeA, nodeB) = (Bucket(_redis, 100), Bucket(second, 100));
        var granted = 0;
        var asking = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 60; i++)
        {
            if ((await nodeA.AcquireAsync()).IsAcquired) granted++;
            if ((await nodeB.AcquireAsync()).IsAcquired) granted++;
        }
        // 120 asked on two nodes; the cluster allows the trader 100, plus the one token per 600 ms that comes back
        // while asking (a loaded machine takes that long). Two separate buckets would have granted all 120.
        Assert.InRange(granted, 100, 100 + (int)(asking.Elapsed.TotalMilliseconds / 600));
        using var refused = await nodeB.AcquireAsync();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(600));   // one token per 600 ms
        var otherTrader = new RedisTokenBucket(_redis.GetDatabase(), $"fillmore-test:{_run}:rate:bob", 100, new ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 }), NullLogger.Instance);
        Assert.True((await otherTrader.AcquireAsync()).IsAcquired);
    }

    [RedisFact]
    public async Task When_redis_cannot_answer_the_node_counts_on_its_own()
    {
        var config = ConfigurationOptions.Parse("127.0.0.1:1");   // nothing listens on port 1
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 200;
        config.SyncTimeout = config.AsyncTimeout = 200;
        await using var down = await ConnectionMultiplexer.ConnectAsync(config);
        var bucket = Bucket(down, 100);
        Assert.True((await bucket.AcquireAsync()).IsAcquired);    // the fallback's one token
        Assert.False((await bucket.AcquireAsync()).IsAcquired);   // and then the fallback's limit, not "allow all"
    }

    [RedisFact]
    public async Task Events_committed_on_one_node_reach_the_other_nodes_clients_once()
    {
        var options = new ClusterOptions { EventChannel = $"fillmore-test:{_run}:events" };
        var dir = Directory.CreateTempSubdirectory("fillmore-relay-").FullName;
        using var store = await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = Path.Combine(dir, "b.db") }, new EventHub(), TimeProvider.System);
        var ledgersB = new LedgerBook(store, TradingCalendar.NewYork, TimeProvider.System);
        var (hubA, hubB) = (new EventHub(), new EventHub());
        var relayA = new RedisEventRelay(hubA, new Lazy<LedgerBook>(() => new LedgerBook(store, TradingCalendar.NewYork, TimeProvider.System)), _redis, options, "node-a", NullLogger<RedisEventRelay>.Instance);
        var relayB = new RedisEventRelay(hubB, new Lazy<LedgerBook>(() => ledgersB), _redis, options, "node-b", NullLogger<RedisEventRelay>.Instance);
        await relayA.StartAsync(default);
        await relayB.StartAsync(default);
        var alice = new TraderId("alice");
        using var onA = hubA.Subscribe(new StreamFilter(alice), 16);
        using var onB = hubB.Subscribe(new StreamFilter(alice), 16);
        var cachedBefore = await ledgersB.GetAsync(alice);

        var order = Order.CreatePending(new OrderId(Guid.NewGuid()), alice, "c-1",
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 5, OrderType.Limit, 190.5m, null, TimeInForce.Day, null, null), "SIM", ExecutionPath.V2,
            new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero));
        var committed = OrderEvent.Of(order, OrderEventType.Accepted, order.CreatedAt) with { Seq = 7 };
        relayA.Publish([committed]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await onB.Reader.ReadAsync(timeout.Token);
        Assert.Equal(committed, received.Event);
        Assert.Equal(OrderEventJson.Serialize(committed), received.Json.ToArray());
        Assert.Equal(committed, (await onA.Reader.ReadAsync(timeout.Token)).Event);   // A's own clients, directly
        Assert.NotSame(cachedBefore, await ledgersB.GetAsync(alice));                  // B reloads the trader's ledger
        // Redis delivers one channel's messages in the order it took them. So once A hears B's next
        // message, A's own message has come back from Redis before it: A must have ignored it; and
        // once B hears A's next one, B's echo of its own has come back too.
        var fromB = committed with { Seq = 8 };
        relayB.Publish([fromB]);
        Assert.Equal(fromB, (await onB.Reader.ReadAsync(timeout.Token)).Event);       // B's own clients, directly
        Assert.Equal(fromB, (await onA.Reader.ReadAsync(timeout.Token)).Event);       // not a second copy of A's own
        var fromA = committed with { Seq = 9 };
        relayA.Publish([fromA]);
        Assert.Equal(fromA, (await onA.Reader.ReadAsync(timeout.Token)).Event);
        Assert.Equal(fromA, (await onB.Reader.ReadAsync(timeout.Token)).Event);       // not a second copy of A's first, nor B's own echo
        await relayA.StopAsync(default);
        await relayB.StopAsync(default);
    }
}
