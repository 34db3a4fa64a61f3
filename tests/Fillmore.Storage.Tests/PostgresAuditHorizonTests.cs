// Reading the audit trail in id order while nodes write it (PostgreSQL): ids come from a sequence
// and writers of different partitions commit in any order. A writer on "another node" (a raw
// transaction doing what PostgresBatchSession does at commit: lock its partition's head, insert an
// entry) holds a lower id while this store commits a higher one in another partition. A reader that
// returned the higher one then would page past the lower one for good; it must wait for the writer
// to end and then return both, in id order (or only the higher one, if the writer rolled back).
// The barrier that shows the reader waiting is the reader itself, seen in pg_stat_activity asking
// whether the writer has ended.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Storage.Postgres;
using Npgsql;

[RequiresPostgres]
public sealed class PostgresAuditHorizonTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private PostgresTestDatabase _db = null!;
    private PostgresOrderStore _store = null!;
    private readonly TraderId _alice = new("alice");
    private TraderId _other;

    public async Task InitializeAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync();
        _store = await PostgresOrderStore.OpenAsync(_db.Options(), new RecordingPublisher(), TimeProvider.System);
        // A trader whose entries go to another partition than alice's: the two writers do not block each other.
        var alicePartition = AuditPartitioner.Of(_alice.Value, _store.AuditPartitions);
        _other = Enumerable.Range(0, 100).Select(i => new TraderId($"trader-{i}"))
            .First(t => AuditPartitioner.Of(t.Value, _store.AuditPartitions) != alicePartition);
        await SubmitAsync(_alice);
        await SubmitAsync(_other);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _db.DisposeAsync();
    }

    [StoreFact]
    public Task A_listing_waits_for_a_writer_holding_a_lower_id_and_then_returns_both() =>
        ListingWhileAWriterIsInFlightAsync(writerCommits: true);

    [StoreFact]
    public Task A_listing_waits_for_a_writer_that_then_rolls_back() =>
        ListingWhileAWriterIsInFlightAsync(writerCommits: false);

    private async Task ListingWhileAWriterIsInFlightAsync(bool writerCommits)
    {
        var before = await LastIdAsync();
        await using var writer = await InFlightWriterAsync();
        var higher = await SubmitAsync(_other);
        Assert.True(higher > writer.Id);

        var listing = _store.ListAuditAsync(new AuditQuery(null, null, null, null, null, null, before, 100));
        await ReaderWaitingAsync();
        Assert.False(listing.IsCompleted);
        await writer.EndAsync(writerCommits);

        var ids = (await listing.WaitAsync(Bound)).Select(e => e.Id).ToList();
        Assert.Equal(writerCommits ? [writer.Id, higher] : [higher], ids);
    }

    [StoreFact]
    public async Task The_read_only_verifier_pages_the_same_way()
    {
        var before = await LastIdAsync();
        await using var writer = await InFlightWriterAsync();
        var higher = await SubmitAsync(_other);

        var page = PostgresAuditReader.Open(_db.AppConnectionString).ReadPageAsync(before, 100);
        await ReaderWaitingAsync();
        Assert.False(page.IsCompleted);
        await writer.EndAsync(commit: true);

        Assert.Equal([writer.Id, higher], (await page.WaitAsync(Bound)).Select(r => r.Id));
    }

    [StoreFact]
    public async Task With_no_writer_in_flight_a_page_reads_up_to_the_last_entry()
    {
        var last = await SubmitAsync(_alice);
        var rows = await _store.ReadAuditChainAsync(0, 100);
        Assert.Equal(last, rows[^1].Id);
        Assert.True((await AuditTrailCheck.RunAsync(_store.ReadAuditChainAsync, pageSize: 2)).Valid);
    }

    private async Task<long> SubmitAsync(TraderId trader)
    {
        var order = Order.CreatePending(new OrderId(Guid.NewGuid()), trader, null,
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10, OrderType.Limit, 150.25m, null, TimeInForce.Gtc, null,
                null), "SIM", ExecutionPath.V2, T0);
        var result = await _store.CommitAsync(OrderChange.NewOrder(order)
            .Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, T0)));
        Assert.True(result.Ok);
        return await LastIdAsync();
    }

    private async Task<long> LastIdAsync() =>
        (long)(await PostgresServer.ScalarAsync(_db.AdminConnectionString, "SELECT max(id) FROM execution_log"))!;

    // Alice's partition locked and an entry inserted, as another node's writer does at commit, left in flight.
    private async Task<InFlightWriter> InFlightWriterAsync()
    {
        var connection = new NpgsqlConnection(_db.AppUnpooled);
        await connection.OpenAsync();
        var tx = await connection.BeginTransactionAsync();
        var partition = AuditPartitioner.Of(_alice.Value, _store.AuditPartitions);
        await using (var lockHead = new NpgsqlCommand(
            "SELECT seq FROM audit_heads WHERE partition = $1 FOR UPDATE", connection, tx))
        {
            lockHead.Parameters.Add(new() { Value = partition });
            await lockHead.ExecuteScalarAsync();
        }
        const string columns = "order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, "
            + "reason, retry_attempt, error_code, execution_path, actor, prev_hash, hash, partition";
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO execution_log ({columns}, partition_seq)
            SELECT {columns}, partition_seq + 1 FROM execution_log WHERE partition = $1
            ORDER BY partition_seq DESC LIMIT 1 RETURNING id
            """, connection, tx);
        insert.Parameters.Add(new() { Value = partition });
        return new InFlightWriter(connection, tx, (long)(await insert.ExecuteScalarAsync())!);
    }

    // The reader is asking the server whether the writer has ended: it has taken its snapshot and is waiting.
    private async Task ReaderWaitingAsync()
    {
        var until = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < until)
        {
            var asking = (long)(await PostgresServer.ScalarAsync(_db.AdminConnectionString,
                "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                + "AND query LIKE '%pg_xact_status%'"))!;
            if (asking > 0) return;
            await Task.Delay(5);
        }
        Assert.Fail("The reader never waited for the writer in flight.");
    }

    private sealed class InFlightWriter(NpgsqlConnection connection, NpgsqlTransaction tx, long id) : IAsyncDisposable
    {
        public long Id { get; } = id;

        public async Task EndAsync(bool commit)
        {
            if (commit) await tx.CommitAsync();
            else await tx.RollbackAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
