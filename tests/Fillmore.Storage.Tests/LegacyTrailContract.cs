// A store written before the trail was partitioned: its schema stops at the migration before
// 0011/0012_audit_partitions and its trail is the single chain, written here with raw SQL exactly
// as the old writer did (hash over the id). Opening it with this release migrates it: the old rows
// become the legacy segment, verified as before, and every partition's chain starts from its head.
// Then tampering in either segment is named at its first broken entry, and a partition count
// other than the one recorded at first use stops the store from opening. The first KeyedOrders
// entries name orders stored at the time (one with a fill): the order keys migration gives their
// entries and fills the order's row number, and the others (about no stored order) stay unkeyed; the
// recorded quantity migration counts their fills (the last order's venue totals are ahead of them).
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public abstract class LegacyTrailContract : IAsyncLifetime
{
    protected const int LegacyEntries = 12;
    private const int KeyedOrders = 3;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    /// <summary>Creates the database at the schema before the audit partitions.</summary>
    protected abstract Task CreateOldSchemaAsync();

    /// <summary>Runs SQL as the schema owner (able to drop the append-only triggers, as an attacker with the
    /// database would).</summary>
    protected abstract Task ExecuteAsOwnerAsync(string sql);

    protected abstract Task<IOrderStore> OpenAsync(int partitions = 16);

    protected abstract Task<AuditVerification> VerifyReadOnlyAsync();

    /// <summary>The SQL that drops what keeps execution_log append-only.</summary>
    protected abstract string DropTriggers { get; }

    public async Task InitializeAsync()
    {
        await CreateOldSchemaAsync();
        var previous = AuditChain.GenesisHash;
        for (var id = 1; id <= LegacyEntries; id++)
        {
            var r = Record(id, id % 2 == 0 ? "alice" : "bob");
            var hash = AuditChain.ComputeHash(id, r, previous);
            await ExecuteAsOwnerAsync($"""
                INSERT INTO execution_log (id, order_id, trader_id, action, status, symbol, side, quantity, price, venue,
                    timestamp, reason, retry_attempt, error_code, execution_path, actor, prev_hash, hash)
                VALUES ({id}, '{r.OrderId}', '{r.TraderId.Value}', 'SUBMITTED', 'PENDING_SUBMIT', 'AAPL', 'BUY',
                    {r.Quantity}, {(this is SqliteLegacyTrailTests ? "'190.1'" : "190.1")}, 'SIM',
                    '{AuditChain.FormatTimestamp(r.Timestamp)}', NULL, NULL, NULL, 'V2', 'TRADER', '{previous}', '{hash}')
                """);
            previous = hash;
        }
        for (var n = 1; n <= KeyedOrders; n++)
            await ExecuteAsOwnerAsync($"""
                INSERT INTO orders (id, trader_id, symbol, side, quantity, order_type, time_in_force, status,
                    filled_quantity, venue, execution_path, created_at, updated_at, version, working_type,
                    working_quantity, working_time_in_force{(this is SqliteLegacyTrailTests ? "" : ", owner_node")})
                VALUES ('{Record(n, "x").OrderId}', '{(n % 2 == 0 ? "alice" : "bob")}', 'AAPL', 'BUY', {n}, 'MARKET',
                    'DAY', 'PARTIALLY_FILLED', {(n == KeyedOrders ? 2 : 1)}, 'SIM', 'V2', '2026-11-24T14:30:00.0000000Z',
                    '2026-11-24T14:30:00.0000000Z', 2, 'MARKET', {n}, 'DAY'{(this is SqliteLegacyTrailTests ? "" : ", 'n1'")});
                INSERT INTO fills (id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp,
                    recorded_at)
                VALUES ('{new Guid(n, 1, 0, [0, 0, 0, 0, 0, 0, 0, 8])}', '{Record(n, "x").OrderId}', '{(n % 2 == 0 ? "alice" : "bob")}', 'exec-{n}', 1,
                    '190.1', 'SIM', '0', '2026-11-24T14:30:01.0000000Z', '2026-11-24T14:30:01.0000000Z');
                """);
    }

    private static AuditRecord Record(int n, string trader) => new(
        new OrderId(new Guid(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 9])), new TraderId(trader), AuditAction.Submitted,
        OrderStatus.PendingSubmit, Symbol.Of("AAPL"), Side.Buy, n, 190.1m, "SIM", T0.AddSeconds(n), null, null, null,
        ExecutionPath.V2, Actor.Trader);

    // Migrates the legacy store and appends 20 entries for four traders after the legacy segment.
    private async Task<IOrderStore> MigratedWithNewEntriesAsync()
    {
        var store = await OpenAsync();
        string[] traders = ["alice", "bob", "carol", "frank"];
        for (var n = 0; n < 20; n++)
            Assert.True((await store.CommitAsync(new AuditOnlyChange([Record(100 + n, traders[n % 4])]))).Ok);
        return store;
    }

    [StoreFact]
    public async Task A_legacy_trail_migrates_verifies_and_the_partitions_continue_from_its_head()
    {
        var store = await MigratedWithNewEntriesAsync();
        var rows = await store.ReadAuditChainAsync(0, 1000);
        Assert.Equal(LegacyEntries + 20, rows.Count);
        Assert.All(rows.Take(LegacyEntries), r => Assert.Null(r.Partition));
        var legacyHead = rows[LegacyEntries - 1].Entry!.Hash;
        Assert.All(rows.Skip(LegacyEntries).Where(r => r.PartitionSeq == 1),
            r => Assert.Equal(legacyHead, r.Entry!.PreviousHash));
        var verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, pageSize: 5, partitions: 16);
        Assert.Equal((true, LegacyEntries + 20L), (verdict.Valid, verdict.Entries));
        var heads = await ((IAuditCheckpointStore)store).ReadAuditHeadsAsync();
        Assert.Equal((LegacyEntries, legacyHead, 4), ((int)heads.LegacyHeadId, heads.LegacyHeadHash,
            heads.Written.Count));
        Assert.Equal(verdict.HeadHash, heads.HeadsHash);
        Assert.Equal(verdict, await VerifyReadOnlyAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsOwnerAsync(
            "INSERT INTO execution_log (id, order_id, trader_id, action, quantity, venue, timestamp, actor, prev_hash, "
            + "hash) VALUES (9999, 'x', 'alice', 'SUBMITTED', 1, 'SIM', 'x', 'TRADER', 'x', 'x')"));
        ((IDisposable)store).Dispose();
    }

    // Each stored order has one fill of 1; the last one's venue totals say 2.
    [StoreFact]
    public async Task The_quantity_of_stored_fills_is_counted_so_only_the_order_short_of_them_is_listed()
    {
        var store = await MigratedWithNewEntriesAsync();
        Assert.Equal([Record(KeyedOrders, "x").OrderId], await store.ListOrdersMissingFillsAsync());
        ((IDisposable)store).Dispose();
    }

    [StoreFact]
    public async Task The_entries_and_fills_of_stored_orders_are_found_by_their_order_key()
    {
        var store = await MigratedWithNewEntriesAsync();
        for (var n = 1; n <= KeyedOrders + 1; n++)
        {
            // Order KeyedOrders + 1 was never stored: its entry has no key and is found by the id it names.
            var order = Record(n, "x").OrderId;
            Assert.Equal([(long)n], (await store.GetAuditTrailAsync(order)).Select(e => e.Id));
            var listed = await store.ListAuditAsync(new AuditQuery(null, null, null, order, null, null, 0, 50));
            Assert.Equal([(long)n], listed.Select(e => e.Id));
            Assert.Equal(n <= KeyedOrders ? [$"exec-{n}"] : [], (await store.GetFillsAsync(order)).Select(f => f.ExecutionId));
        }
        Assert.True((await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, partitions: 16)).Valid);
        Assert.True((await VerifyReadOnlyAsync()).Valid);
        // The guard the migration lifted to key the old entries is back.
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsOwnerAsync(
            "UPDATE execution_log SET order_row = NULL WHERE id = 2"));

        // The key is outside the hash: set to order 1's, it moves entry 2 into order 1's trail, and the verifier
        // names it.
        await ExecuteAsOwnerAsync(DropTriggers
            + "UPDATE execution_log SET order_row = (SELECT order_row FROM execution_log WHERE id = 1) WHERE id = 2");
        Assert.Empty(await store.GetAuditTrailAsync(Record(2, "x").OrderId));
        Assert.Equal([1L, 2L], (await store.GetAuditTrailAsync(Record(1, "x").OrderId)).Select(e => e.Id));
        var verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, partitions: 16);
        Assert.Equal((AuditProblem.Changed, 2L), (verdict.Problem, verdict.FirstBrokenId));
        Assert.Contains("where Fillmore writes", verdict.Detail);
        Assert.Equal(verdict, await VerifyReadOnlyAsync());
        ((IDisposable)store).Dispose();
    }

    [StoreFact]
    public async Task Tampering_in_the_legacy_segment_is_named_at_its_entry()
    {
        var store = await MigratedWithNewEntriesAsync();
        await ExecuteAsOwnerAsync(DropTriggers + "UPDATE execution_log SET quantity = 77 WHERE id = 5");
        var verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, partitions: 16);
        Assert.Equal((false, AuditProblem.Changed, 5L, (int?)null), (verdict.Valid, verdict.Problem,
            verdict.FirstBrokenId, verdict.FirstBrokenPartition));
        Assert.Equal(verdict, await VerifyReadOnlyAsync());

        // The legacy segment's last entry cut: the legacy chain alone still holds; the partitions name the cut.
        await ExecuteAsOwnerAsync($"UPDATE execution_log SET quantity = 5 WHERE id = 5; "
            + $"DELETE FROM execution_log WHERE id = {LegacyEntries}");
        verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, partitions: 16);
        Assert.Equal((AuditProblem.Removed, (long)LegacyEntries), (verdict.Problem, verdict.FirstBrokenId));
        ((IDisposable)store).Dispose();
    }

    [StoreFact]
    public async Task Tampering_in_a_partition_is_named_by_partition_and_seq()
    {
        var store = await MigratedWithNewEntriesAsync();
        var carol = AuditPartitioner.Of("carol", 16);
        var target = (await store.ReadAuditChainAsync(0, 1000)).Single(r => r.Partition == carol && r.PartitionSeq == 3);
        await ExecuteAsOwnerAsync(DropTriggers + $"UPDATE execution_log SET reason = 'edited' WHERE id = {target.Id}");
        var verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, partitions: 16);
        Assert.Equal((AuditProblem.Changed, carol, 3L, target.Id), (verdict.Problem!.Value, verdict.FirstBrokenPartition,
            verdict.FirstBrokenSeq, verdict.FirstBrokenId));
        Assert.Equal(verdict, await VerifyReadOnlyAsync());
        ((IDisposable)store).Dispose();
    }

    [StoreFact]
    public async Task The_partition_count_is_fixed_at_first_use()
    {
        ((IDisposable)await OpenAsync(16)).Dispose();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(8));
        Assert.Contains("has 16 partitions", refused.Message);
        Assert.Contains("set it back to 16", refused.Message);
        ((IDisposable)await OpenAsync(16)).Dispose();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
