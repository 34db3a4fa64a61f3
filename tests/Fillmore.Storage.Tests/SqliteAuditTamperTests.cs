// Tampering with a real SQLite audit table the way someone with file access could: drop the
// append-only triggers, then edit, delete, insert or reorder rows with raw SQL. The verifier,
// reading the table through the store in id pages (and read-only through SqliteAuditReader, as
// verify-audit does), must catch each and name the first broken entry. One trader writes the
// whole trail, so it is one partition's chain whose positions (partition_seq) equal the ids: a
// forger who moves an entry moves both (ids must grow with the partition's sequence).
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

public sealed class SqliteAuditTamperTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-tamper-").FullName;
    private SqliteOrderStore _store = null!;
    private string DbPath => Path.Combine(_dir, "fillmore.db");

    public async Task InitializeAsync()
    {
        _store = await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = DbPath }, new RecordingPublisher(), TimeProvider.System);
        // 40 entries: 20 orders, each submitted and acknowledged.
        for (var i = 0; i < 20; i++)
        {
            var order = Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
                new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10 + i, OrderType.Limit, 150.25m, null, TimeInForce.Gtc, null, null), "SIM", ExecutionPath.V2, T0);
            await _store.CommitAsync(OrderChange.NewOrder(order).Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, T0.AddSeconds(i))));
            var acked = order.On(OrderTrigger.VenueAccepted, T0.AddSeconds(i).AddMilliseconds(5)).Order;
            await _store.CommitAsync(OrderChange.Of(order, acked).Audited(AuditRecord.Of(acked, AuditAction.Acknowledged, Actor.System, acked.UpdatedAt))
                .Emitting(OrderEvent.Of(acked, OrderEventType.Submitted, acked.UpdatedAt)));
        }
        Assert.True((await VerifyAsync()).Valid);
        await ExecuteAsync("DROP TRIGGER execution_log_refuses_update; DROP TRIGGER execution_log_refuses_delete;");
    }

    [Fact]
    public async Task An_untouched_table_verifies_with_its_head()
    {
        var verdict = await VerifyAsync();
        Assert.Equal((true, 40L, 40L), (verdict.Valid, verdict.Entries, verdict.HeadId));
        var heads = await _store.ReadAuditHeadsAsync();
        Assert.Equal((await _store.ReadAuditChainAsync(39, 1))[0].Entry!.Hash, heads.Written.Single().Hash);
        Assert.Equal(heads.HeadsHash, verdict.HeadHash);
    }

    [Fact]
    public async Task A_changed_field_is_caught()
    {
        await ExecuteAsync("UPDATE execution_log SET quantity = 1000 WHERE id = 17");
        await AssertBrokenAsync(17, AuditProblem.Changed);
    }

    [Fact]
    public async Task A_change_that_parses_to_the_same_value_is_caught()
    {
        // 'aapl' would read back as AAPL, and a re-formatted price as the same decimal: the stored row still changed.
        await ExecuteAsync("UPDATE execution_log SET symbol = 'aapl' WHERE id = 9");
        var verdict = await AssertBrokenAsync(9, AuditProblem.Changed);
        Assert.Contains("'aapl'", verdict.Detail);
        await ExecuteAsync("UPDATE execution_log SET symbol = 'AAPL' WHERE id = 9; UPDATE execution_log SET price = '150.250' WHERE id = 5");
        await AssertBrokenAsync(5, AuditProblem.Changed);
    }

    [Fact]
    public async Task An_unreadable_value_is_caught_without_failing_the_read()
    {
        await ExecuteAsync("UPDATE execution_log SET action = 'ERASED' WHERE id = 23");
        var verdict = await AssertBrokenAsync(23, AuditProblem.Changed);
        Assert.Contains("ERASED", verdict.Detail);
    }

    [Fact]
    public async Task A_deleted_entry_is_caught()
    {
        await ExecuteAsync("DELETE FROM execution_log WHERE id = 17");
        await AssertBrokenAsync(17, AuditProblem.Removed);
    }

    [Fact]
    public async Task A_deleted_entry_is_caught_even_when_later_ids_are_renumbered()
    {
        await ExecuteAsync("DELETE FROM execution_log WHERE id = 17; "
            + "UPDATE execution_log SET id = id - 1, partition_seq = partition_seq - 1 WHERE id > 17");
        await AssertBrokenAsync(17, AuditProblem.Removed);
    }

    [Fact]
    public async Task An_inserted_forged_entry_is_caught()
    {
        // Make room at 17 and write a plausible entry there, hashed exactly as Fillmore would.
        var before = (await _store.ReadAuditChainAsync(15, 1))[0].Entry!;
        var record = before.Record with { Action = AuditAction.Cancelled, Status = OrderStatus.Cancelled, Reason = "cancelled by the trader" };
        var forged = new AuditEntry(17, record, before.Hash, AuditChain.ComputePartitionHash(Alice, 17, record, before.Hash), Alice, 17);
        await ExecuteAsync("UPDATE execution_log SET id = -id, partition_seq = -partition_seq WHERE id >= 17; "
            + "UPDATE execution_log SET id = 1 - id, partition_seq = 1 - partition_seq WHERE id < 0;");
        await ExecuteAsync($"""
            INSERT INTO execution_log (id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
                retry_attempt, error_code, execution_path, actor, prev_hash, hash, partition, partition_seq)
            SELECT 17, order_id, trader_id, 'CANCELLED', 'CANCELLED', symbol, side, quantity, price, venue, timestamp, 'cancelled by the trader',
                retry_attempt, error_code, execution_path, actor, '{forged.PreviousHash}', '{forged.Hash}', partition, 17
            FROM execution_log WHERE id = 16
            """);
        await AssertBrokenAsync(17, AuditProblem.Inserted);
    }

    [Fact]
    public async Task An_entry_moved_to_another_orders_trail_or_hidden_from_its_own_is_caught()
    {
        // Entries 17 and 18 are order 9's, 3 is order 2's. The order key is outside the hash: moved, the entry
        // leaves its order's trail, and only the verifier's check of the key against the order named finds it.
        var order9 = (await _store.ReadAuditChainAsync(16, 1))[0].Entry!.Record.OrderId;
        await ExecuteAsync("UPDATE execution_log SET order_row = (SELECT order_row FROM execution_log WHERE id = 3) "
            + "WHERE id = 17");
        Assert.Equal([18L], (await _store.GetAuditTrailAsync(order9)).Select(e => e.Id));
        var verdict = await AssertBrokenAsync(17, AuditProblem.Changed);
        Assert.Contains("order_row", verdict.Detail);
        await ExecuteAsync("UPDATE execution_log SET order_row = (SELECT order_row FROM execution_log WHERE id = 18) "
            + "WHERE id = 17; UPDATE execution_log SET order_row = NULL WHERE id = 9");
        await AssertBrokenAsync(9, AuditProblem.Changed);
    }

    [Fact]
    public async Task Two_entries_with_swapped_ids_are_caught()
    {
        await ExecuteAsync("UPDATE execution_log SET id = -1, partition_seq = -1 WHERE id = 17; "
            + "UPDATE execution_log SET id = 17, partition_seq = 17 WHERE id = 30; UPDATE execution_log SET id = 30, partition_seq = 30 WHERE id = -1");
        await AssertBrokenAsync(17, AuditProblem.Reordered);
    }

    [Fact]
    public async Task Two_entries_with_swapped_contents_are_caught()
    {
        // Same ids, contents exchanged (an UPDATE of every column): the same reordering seen another way.
        var columns = "order_id, order_row, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason, retry_attempt, error_code, execution_path, actor, prev_hash, hash";
        var set = string.Join(", ", columns.Split(", ").Select(c => $"{c} = (SELECT {c} FROM swap WHERE swap.id = 7 - execution_log.id)"));
        await ExecuteAsync($"""
            CREATE TEMP TABLE swap AS SELECT * FROM execution_log WHERE id IN (3, 4);
            UPDATE execution_log SET {set} WHERE id IN (3, 4);
            """);
        await AssertBrokenAsync(3, AuditProblem.Reordered);
    }

    private async Task<AuditVerification> AssertBrokenAsync(long firstBrokenId, AuditProblem problem)
    {
        var verdict = await VerifyAsync();
        Assert.False(verdict.Valid);
        Assert.Equal((firstBrokenId, problem, Alice), (verdict.FirstBrokenSeq, verdict.Problem, verdict.FirstBrokenPartition));
        Assert.Equal(firstBrokenId - 1, verdict.HeadId);
        // verify-audit's read-only path reads the same rows and reaches the same verdict.
        Assert.Equal(verdict, await SqliteAuditReader.Open(DbPath).VerifyAsync(pageSize: 7));
        return verdict;
    }

    private static readonly int Alice = AuditPartitioner.Of("alice", 16);

    private Task<AuditVerification> VerifyAsync() => AuditTrailCheck.RunAsync(_store.ReadAuditChainAsync, pageSize: 8, partitions: 16);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
