// The production store, shared by several nodes: PostgreSQL with synchronous_commit on (a commit
// is durable when it returns). Each node writes through its own GroupCommitter on one connection;
// the writers of all nodes serialise only per audit partition (PostgresBatchSession).
// Reads use a pooled NpgsqlDataSource. Migrations run once, under a session advisory lock, so
// nodes starting together do not apply them twice. Work leases: PostgresOrderStore.Leases.cs.
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

public sealed partial class PostgresOrderStore : IOrderStore, IWorkLeases, IStoreHealth, IOpenOrderCount,
    IDisposable
{
    /// <summary>The session advisory lock key held while migrating ("FILLMIGR" in ASCII).</summary>
    public const long MigrationLockKey = 0x46494C4C4D494752;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter _writer;
    private readonly TimeSpan _leaseDuration;

    private PostgresOrderStore(NpgsqlDataSource dataSource, GroupCommitter writer, string nodeId,
        TimeSpan leaseDuration)
    {
        _dataSource = dataSource;
        _writer = writer;
        NodeId = nodeId;
        _leaseDuration = leaseDuration;
    }

    /// <summary>The audit trail's partition count (fixed in the store at first use).</summary>
    public int AuditPartitions { get; private init; }

    public static async Task<PostgresOrderStore> OpenAsync(StoreOptions options, IEventPublisher publisher,
        TimeProvider time, ILogger? log = null, CancellationToken ct = default)
    {
        var connectionString = options.PostgresConnectionString
            ?? throw new InvalidOperationException("The PostgreSQL store needs a connection string "
                + "(FILLMORE_POSTGRES).");
        await MigrateAsync(options.PostgresMigrationConnectionString ?? connectionString, time, ct)
            .ConfigureAwait(false);
        // No reset on close: a pooled read connection is otherwise reset with seven statements (RESET ALL,
        // pg_advisory_unlock_all(), ...) before its next use, more server work than the read itself on the
        // hot path (docs/benchmarks.md). Nothing on these connections changes session state: reads are
        // single statements, and the migration's session lock is taken on its own unpooled connection.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2, NoResetOnClose = true };
        builder.Options = $"{builder.Options} -c synchronous_commit=on".Trim();
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            var nodeId = options.NodeId ?? $"{Environment.MachineName}-{Environment.ProcessId}";
            // The writer keeps its own unpooled connection, named so it shows in pg_stat_activity.
            var writerConnection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString)
            {
                Pooling = false, ApplicationName = $"fillmore-writer:{nodeId}",
            }.ToString());
            await writerConnection.OpenAsync(ct).ConfigureAwait(false);
            try
            {
                await AuditHeadsSetup.EnsureAsync(writerConnection, options.AuditPartitions,
                    $"SELECT pg_advisory_xact_lock({MigrationLockKey})", ct).ConfigureAwait(false);
            }
            catch
            {
                await writerConnection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            var writer = new GroupCommitter(new PostgresBatchSession(writerConnection, nodeId, time,
                options.AuditPartitions), publisher,
                options.MaxBatch, "fillmore-postgres-writer", log ?? NullLogger.Instance, time);
            return new PostgresOrderStore(dataSource, writer, nodeId, options.LeaseDuration)
            {
                AuditPartitions = options.AuditPartitions,
            };
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Session-level lock on an unpooled connection: closing it releases the lock even if unlocking fails.
    private static async Task MigrateAsync(string connectionString, TimeProvider time, CancellationToken ct)
    {
        await using var connection =
            new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
            await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await MigrationRunner.ApplyAsync(connection, "Postgres", SqlText.Of(time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
        await unlock.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public ValueTask<CommitResult> CommitAsync(IStoreChange change, CancellationToken ct = default) =>
        _writer.SubmitAsync(change);

    public StoreHealthReport Health => _writer.Health;

    public async Task<Order?> GetOrderAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {PostgresSql.OrderColumns} FROM orders WHERE id = @id", PostgresSql.ReadOrder, ct,
            ("id", id.ToString())).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<Order?> FindByClientOrderIdAsync(TraderId trader, string clientOrderId,
        CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {PostgresSql.OrderColumns} FROM orders WHERE trader_id = @t AND "
            + "client_order_id = @c", PostgresSql.ReadOrder, ct,
            ("t", trader.Value), ("c", clientOrderId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<OrderPage> ListOrdersAsync(OrderQuery q, CancellationToken ct = default)
    {
        const string where = """
            WHERE (@t::text IS NULL OR trader_id = @t) AND (@s::text IS NULL OR status = @s)
              AND (@y::text IS NULL OR symbol = @y)
            """;
        (string, object?)[] args = [("t", q.Trader?.Value), ("s", q.Status is { } s ? ApiNames.Of(s) : null),
            ("y", q.Symbol?.Value), ("limit", q.Limit), ("offset", q.Offset)];
        var rows =
            await QueryAsync($"SELECT {PostgresSql.OrderColumns} FROM orders {where} ORDER BY row_no DESC LIMIT "
                + "@limit OFFSET @offset",
            PostgresSql.ReadOrder, ct, args).ConfigureAwait(false);
        var total = await QueryAsync($"SELECT COUNT(*) FROM orders {where}", r => r.GetInt64(0), ct, args)
            .ConfigureAwait(false);
        return new OrderPage(rows, total[0]);
    }

    public async Task<IReadOnlyList<Order>> ListOpenOrdersAsync(CancellationToken ct = default) =>
        await QueryAsync($"SELECT {PostgresSql.OrderColumns} FROM orders WHERE status NOT IN "
            + $"{PostgresSql.Terminal} ORDER BY row_no",
            PostgresSql.ReadOrder, ct).ConfigureAwait(false);

    // Answered from the partial index ix_orders_open (an index-only scan of the open orders' entries).
    public async Task<IReadOnlyDictionary<OrderStatus, long>> CountOpenOrdersAsync(CancellationToken ct = default) =>
        (await QueryAsync($"SELECT status, COUNT(*) FROM orders WHERE status NOT IN {PostgresSql.Terminal} "
            + "GROUP BY status", r => (Status: ApiNames.Parse<OrderStatus>(r.GetString(0)), Count: r.GetInt64(1)), ct)
            .ConfigureAwait(false)).ToDictionary(c => c.Status, c => c.Count);

    public async Task<IReadOnlyList<Fill>> GetFillsAsync(OrderId id, CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT {PostgresSql.FillColumns} FROM fills WHERE order_row = (SELECT row_no FROM orders WHERE id = @id)
            ORDER BY timestamp, row_no
            """,
            PostgresSql.ReadFill, ct, ("id", id.ToString())).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderId>> ListOrdersMissingFillsAsync(CancellationToken ct = default) =>
        await QueryAsync($"SELECT id FROM orders WHERE {OrderRow.ShortOfFills} ORDER BY row_no",
            r => new OrderId(Guid.Parse(r.GetString(0))), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderId>> ListOrdersInDoubtAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT id FROM orders WHERE in_doubt_since IS NOT NULL ORDER BY row_no",
            r => new OrderId(Guid.Parse(r.GetString(0))), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OrderId id, CancellationToken ct = default) =>
        await QueryAsync($"SELECT {PostgresSql.AuditColumns} FROM execution_log WHERE {PostgresSql.AuditOfOrder} "
            + "ORDER BY id", PostgresSql.ReadAudit, ct, ("o", id.ToString())).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderEvent>> GetEventsAsync(TraderId trader, long afterSeq, int limit,
        CancellationToken ct = default) =>
        await QueryAsync("SELECT payload FROM order_events WHERE trader_id = @t AND seq > @after ORDER "
            + "BY seq LIMIT @limit",
            r => OrderEventJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(r.GetString(0))), ct,
            ("t", trader.Value), ("after", afterSeq), ("limit", limit)).ConfigureAwait(false);

    public async Task<LedgerSnapshot> LoadLedgerAsync(TraderId trader, DateOnly tradingDay,
        CancellationToken ct = default)
    {
        var account = await GetAccountAsync(trader, ct).ConfigureAwait(false);
        var positions = await QueryAsync("SELECT symbol, quantity, average_cost FROM positions WHERE trader_id = @t",
            r => new Position(Symbol.Of(r.GetString(0)), r.GetInt64(1), r.GetDecimal(2)), ct, ("t", trader.Value))
            .ConfigureAwait(false);
        var realised = await QueryAsync("SELECT realised FROM daily_pnl WHERE trader_id = @t AND trading_day = @d",
            r => r.GetDecimal(0), ct, ("t", trader.Value),
            ("d", tradingDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ConfigureAwait(false);
        var open = await QueryAsync($"""
            SELECT {PostgresSql.OrderColumns} FROM orders WHERE trader_id = @t AND status NOT IN {PostgresSql.Terminal}
            """, PostgresSql.ReadOrder, ct, ("t", trader.Value)).ConfigureAwait(false);
        return new LedgerSnapshot(account, positions, realised.FirstOrDefault(), open);
    }

    public async Task<Account?> GetAccountAsync(TraderId trader, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {PostgresSql.AccountColumns} FROM accounts WHERE trader_id = @t",
            PostgresSql.ReadAccount, ct, ("t", trader.Value)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<string?> GetControlAsync(string key, CancellationToken ct = default) =>
        (await QueryAsync("SELECT value FROM trading_controls WHERE key = @k",
            r => r.IsDBNull(0) ? null : r.GetString(0), ct, ("k", key)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<OrderId>> ListChildIdsAsync(OrderId parent, CancellationToken ct = default) =>
        await QueryAsync("SELECT id FROM orders WHERE parent_order_id = @p ORDER BY created_at, id",
            r => new OrderId(Guid.Parse(r.GetString(0))), ct, ("p", parent.ToString())).ConfigureAwait(false);

    public async Task<IReadOnlyList<Ghost>> ListGhostsAsync(bool? open = null, CancellationToken ct = default) =>
        await QueryAsync(
            $"SELECT {GhostRow.Columns} FROM ghosts {GhostRow.Where(open)} ORDER BY first_seen_at, order_id",
            GhostRow.Read, ct).ConfigureAwait(false);

    public async Task<Ghost?> GetGhostAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {GhostRow.Columns} FROM ghosts WHERE order_id = @id", GhostRow.Read, ct,
            ("id", id.ToString())).ConfigureAwait(false)).FirstOrDefault();

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct,
        params (string Name, object? Value)[] args)
    {
        await using var cmd = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(map(reader));
        return rows;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _dataSource.Dispose();
    }
}
