// Several nodes on one PostgreSQL database: their writers interleave, locking only the audit
// partitions they write, yet keep every partition's chain and every trader's event sequence
// gap-free; an account guard taken by one node refuses the
// other's decision from the same ledger; a node whose lease expires loses its open orders to a
// node that claims them, and its stale writes are refused; nodes starting together migrate once.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Storage.Postgres;

[RequiresPostgres]
public sealed class PostgresMultiNodeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private readonly List<PostgresOrderStore> _stores = [];
    private PostgresTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) store.Dispose();
        await _db.DisposeAsync();
    }

    private async Task<PostgresOrderStore> NodeAsync(string nodeId, TimeSpan? lease = null)
    {
        var store = await PostgresOrderStore.OpenAsync(_db.Options(nodeId, lease), new RecordingPublisher(), TimeProvider.System);
        lock (_stores) _stores.Add(store);
        return store;
    }

    private static Order NewOrder(string trader) =>
        Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId(trader), null,
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10, OrderType.Limit, 150.25m, null, TimeInForce.Gtc, null, null), "SIM", ExecutionPath.V2, T0);

    private static OrderChange Created(Order o) => OrderChange.NewOrder(o)
        .Audited(AuditRecord.Of(o, AuditAction.Submitted, Actor.Trader, T0)).Emitting(OrderEvent.Of(o, OrderEventType.Accepted, T0));

    private static OrderChange Acknowledged(Order o)
    {
        var after = o.On(OrderTrigger.VenueAccepted, T0.AddSeconds(1)).Order;
        return OrderChange.Of(o, after).Audited(AuditRecord.Of(after, AuditAction.Acknowledged, Actor.System, T0.AddSeconds(1)))
            .Emitting(OrderEvent.Of(after, OrderEventType.Submitted, T0.AddSeconds(1)));
    }

    [StoreFact]
    public async Task Two_nodes_writing_at_once_keep_sequences_gap_free_and_the_chain_whole()
    {
        var nodes = new[] { await NodeAsync("node-a"), await NodeAsync("node-b") };
        string[] traders = ["alice", "bob", "carol"];
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var node = nodes[w % 2];
            for (var i = 0; i < 15; i++)
            {
                var order = NewOrder(traders[(w + i) % traders.Length]);
                Assert.True((await node.CommitAsync(Created(order))).Ok);
                Assert.True((await nodes[(w + 1) % 2].CommitAsync(Acknowledged(order))).Ok);    // the other node takes it over
            }
        })));
        var total = 0;
        foreach (var trader in traders)
        {
            var events = await nodes[0].GetEventsAsync(new TraderId(trader), 0, 10_000);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
            total += events.Count;
        }
        Assert.Equal(8 * 15 * 2, total);
        var verdict = await AuditTrailCheck.RunAsync(nodes[1].ReadAuditChainAsync, pageSize: 50, partitions: 16);
        Assert.Equal((true, 240L, 240L), (verdict.Valid, verdict.Entries, verdict.HeadId));
    }

    [StoreFact]
    public async Task Two_nodes_writing_overlapping_traders_keep_every_partition_chain_and_sequence_gap_free()
    {
        var nodes = new[] { await NodeAsync("node-a"), await NodeAsync("node-b") };
        // 24 traders over 16 partitions: the nodes' batches hold several partitions each, and share most of them.
        var traders = Enumerable.Range(0, 24).Select(i => $"trader-{i:D2}").ToArray();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                var order = NewOrder(traders[(w * 5 + i * 7) % traders.Length]);
                Assert.True((await nodes[w % 2].CommitAsync(Created(order))).Ok);
                Assert.True((await nodes[(w + 1) % 2].CommitAsync(Acknowledged(order))).Ok);
            }
        })));
        foreach (var trader in traders)
        {
            var events = await nodes[0].GetEventsAsync(new TraderId(trader), 0, 10_000);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        }
        var rows = await nodes[1].ReadAuditChainAsync(0, 10_000);
        Assert.Equal(16 * 12 * 2, rows.Count);
        foreach (var chain in rows.GroupBy(r => r.Partition!.Value))
            Assert.Equal(Enumerable.Range(1, chain.Count()).Select(i => (long)i), chain.Select(r => r.PartitionSeq!.Value));
        var verdict = await AuditTrailCheck.RunAsync(nodes[0].ReadAuditChainAsync, pageSize: 50, partitions: 16);
        Assert.Equal((true, 384L), (verdict.Valid, verdict.Entries));
        Assert.Equal(verdict.HeadHash, (await nodes[1].ReadAuditHeadsAsync()).HeadsHash);
    }

    [StoreFact]
    public async Task A_writer_holding_one_partition_holds_up_only_the_writers_of_that_partition()
    {
        var node = await NodeAsync("node-a");
        var (alice, bob) = (AuditPartitioner.Of("alice", 16), AuditPartitioner.Of("bob", 16));
        Assert.NotEqual(alice, bob);
        // Another node's transaction, in the middle of writing for alice: her partition's head is locked.
        await using var other = new Npgsql.NpgsqlConnection(_db.AppUnpooled);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand(
            $"SELECT seq FROM audit_heads WHERE partition = {alice} FOR UPDATE", other, tx))
            await hold.ExecuteNonQueryAsync();

        Assert.True((await node.CommitAsync(Created(NewOrder("bob")))).Ok);      // another partition: no wait
        var waiting = node.CommitAsync(Created(NewOrder("alice"))).AsTask();
        await WaitUntilAsync(async () => (long)(await PostgresServer.ScalarAsync(_db.AdminConnectionString,
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'fillmore-writer:node-a' "
            + "AND wait_event_type = 'Lock'"))! == 1);                          // alice's writer waits for the row
        await tx.CommitAsync();
        Assert.True((await waiting).Ok);
        Assert.True((await AuditTrailCheck.RunAsync(node.ReadAuditChainAsync, partitions: 16)).Valid);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the writer to wait on the lock");
            await Task.Delay(20);
        }
    }

    [StoreFact]
    public async Task An_account_guard_refuses_a_decision_made_on_a_stale_account()
    {
        var (a, b) = (await NodeAsync("node-a"), await NodeAsync("node-b"));
        var trader = new TraderId("alice");
        Assert.True((await a.CommitAsync(new AccountChange(new Account(trader, 1_000m, null, false, 1)))).Ok);
        var first = NewOrder("alice");
        var second = NewOrder("alice");
        Assert.True((await a.CommitAsync(Created(first) with { AccountGuard = 1 })).Ok);
        Assert.Equal(CommitStatus.VersionConflict, (await b.CommitAsync(Created(second) with { AccountGuard = 1 })).Status);
        Assert.Null(await b.GetOrderAsync(second.Id));
        Assert.Equal(2, (await b.GetAccountAsync(trader))!.Version);
        Assert.True((await b.CommitAsync(Created(second) with { AccountGuard = 2 })).Ok);
        Assert.Equal(CommitStatus.VersionConflict, (await a.CommitAsync(Created(NewOrder("bob")) with { AccountGuard = 1 })).Status);
    }

    [StoreFact]
    public async Task A_node_whose_lease_expired_loses_its_open_orders_to_a_live_node()
    {
        var a = await NodeAsync("node-a", TimeSpan.FromSeconds(1));
        var b = await NodeAsync("node-b", TimeSpan.FromSeconds(30));
        Assert.True(await a.RenewAsync());
        Assert.True(await b.RenewAsync());
        var open = NewOrder("alice");
        var done = NewOrder("alice");
        await a.CommitAsync(Created(open));
        await a.CommitAsync(Created(done));
        await a.CommitAsync(OrderChange.Of(done, done.On(OrderTrigger.VenueRejected, T0, "no").Order));
        Assert.Equal([open.Id], await a.ListOwnedWorkAsync());
        Assert.True(await a.OwnsAsync(open.Id));
        Assert.False(await b.OwnsAsync(open.Id));
        Assert.Equal(open.Version, await a.VersionOfAsync(open.Id));
        Assert.Null(await a.VersionOfAsync(new OrderId(Guid.NewGuid())));

        var claimed = await ClaimWithinAsync(b, TimeSpan.FromSeconds(20));    // A's one-second lease runs out on the database clock
        Assert.Equal([open.Id], claimed);
        Assert.True(await b.OwnsAsync(open.Id));
        Assert.False(await a.OwnsAsync(open.Id));
        Assert.Equal(open.Version + 1, await a.VersionOfAsync(open.Id));   // A's remembered copy no longer passes
        Assert.Equal([open.Id], await b.ListOwnedWorkAsync());
        Assert.Empty(await a.ListOwnedWorkAsync());
        Assert.Equal(CommitStatus.VersionConflict, (await a.CommitAsync(Acknowledged(open))).Status);   // fenced by the claim's version bump
        Assert.False(await a.RenewAsync());
        Assert.True(await a.RenewAsync());

        // A clean shutdown hands the orders over at once.
        var current = (await b.GetOrderAsync(open.Id))!;
        Assert.True((await b.CommitAsync(Acknowledged(current))).Ok);
        await b.ReleaseAsync();
        Assert.Equal([open.Id], await a.ClaimOrphansAsync());
        await a.ReleaseAsync();
        Assert.Empty(await b.ClaimOrphansAsync());                              // a node without a live lease claims nothing
    }

    [StoreFact]
    public async Task A_dead_nodes_order_short_of_its_fills_is_claimed_though_it_is_filled()
    {
        var a = await NodeAsync("node-a", TimeSpan.FromSeconds(1));
        var b = await NodeAsync("node-b", TimeSpan.FromSeconds(30));
        Assert.True(await a.RenewAsync());
        Assert.True(await b.RenewAsync());
        var order = NewOrder("alice");
        await a.CommitAsync(Created(order));
        var acked = Acknowledged(order);
        await a.CommitAsync(acked);
        // The venue's totals: all 10 filled; of its executions only 4 reached A before it died.
        var filled = acked.Order.OnFill(10, 150m, T0.AddSeconds(2)).Order;
        var fill = new Fill(Guid.NewGuid(), order.Id, order.TraderId, "SIM-S1", 4, 150m, "SIM", 1m, T0.AddSeconds(2));
        Assert.True((await a.CommitAsync(OrderChange.Of(acked.Order, filled).WithFill(fill))).Ok);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal([order.Id], await a.ListOwnedWorkAsync());

        Assert.Equal([order.Id], await ClaimWithinAsync(b, TimeSpan.FromSeconds(20)));
        Assert.Equal([order.Id], await b.ListOwnedWorkAsync());
        Assert.Empty(await a.ListOwnedWorkAsync());
    }

    private static async Task<IReadOnlyList<OrderId>> ClaimWithinAsync(PostgresOrderStore node, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var claimed = await node.ClaimOrphansAsync();
            if (claimed.Count > 0 || DateTime.UtcNow > deadline) return claimed;
            await Task.Delay(100);
        }
    }

    [StoreFact]
    public async Task Nodes_starting_together_migrate_once()
    {
        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => NodeAsync($"node-{i}")));
        var recorded = await PostgresServer.ScalarAsync(_db.AdminConnectionString, "SELECT COUNT(*) FROM schema_migrations");
        Assert.Equal((long)MigrationRunner.ScriptsFor("Postgres").Count, recorded);
        Assert.True((await nodes[3].CommitAsync(Created(NewOrder("alice")))).Ok);
    }
}
