// The embedded store: one SQLite file in WAL mode with synchronous=FULL (a commit is on disk
// when it returns). All writes go through one GroupCommitter; reads use pooled connections,
// which WAL lets run beside the writer without blocking it. One process per database file.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

public sealed partial class SqliteOrderStore : IOrderStore, IStoreHealth, IOpenOrderCount, IDisposable
{
    private readonly string _connectionString;
    private readonly GroupCommitter _writer;

    private SqliteOrderStore(string connectionString, GroupCommitter writer)
    {
        _connectionString = connectionString;
        _writer = writer;
    }

    public string DatabasePath { get; private init; } = "";

    /// <summary>The audit trail's partition count (fixed in the store at first use).</summary>
    public int AuditPartitions { get; private init; }

    public static async Task<SqliteOrderStore> OpenAsync(StoreOptions options, IEventPublisher publisher,
        TimeProvider time, ILogger? log = null, CancellationToken ct = default)
    {
        var path = Path.GetFullPath(options.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
        var writerConnection = new SqliteConnection(connectionString);
        await writerConnection.OpenAsync(ct).ConfigureAwait(false);
        // A checkpoint runs on the committing thread and fsyncs the database file: every 8,192 WAL
        // pages (32 MiB) instead of SQLite's 1,000, so they are rarer (measured in docs/benchmarks.md).
        // SQLite's default 2 MiB page cache stays: a 64 MiB one cost the writer more CPU per order than
        // the reads it saved (measured, docs/benchmarks.md, third pass).
        // Migrations run before foreign keys are on: a migration that rebuilds a table (0007) must not cascade.
        await ExecuteAsync(writerConnection,
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(options.SynchronousNormal ? "NORMAL" : "FULL")}; "
                + "PRAGMA busy_timeout=5000; "
                + "PRAGMA wal_autocheckpoint=8192;"
                + (options.WriterCacheKiB is { } kib ? $" PRAGMA cache_size=-{kib};" : ""), ct).ConfigureAwait(false);
        await MigrationRunner.ApplyAsync(writerConnection, "Sqlite", SqlText.Of(time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        await ExecuteAsync(writerConnection, "PRAGMA foreign_keys=ON;", ct).ConfigureAwait(false);
        try
        {
            await AuditHeadsSetup.EnsureAsync(writerConnection, options.AuditPartitions, null, ct)
                .ConfigureAwait(false);
        }
        catch
        {
            await writerConnection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var writer = new GroupCommitter(new SqliteBatchSession(writerConnection, time, options.AuditPartitions),
            publisher, options.MaxBatch,
            "fillmore-sqlite-writer", log ?? NullLogger.Instance, time);
        return new SqliteOrderStore(connectionString, writer)
        {
            DatabasePath = path, AuditPartitions = options.AuditPartitions,
        };
    }

    public ValueTask<CommitResult> CommitAsync(IStoreChange change, CancellationToken ct = default) =>
        _writer.SubmitAsync(change);

    public StoreHealthReport Health => _writer.Health;

    public async Task<Order?> GetOrderAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {SqliteSql.OrderColumns} FROM orders WHERE id = $id", SqliteSql.ReadOrder, ct,
            ("$id", id.ToString())).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<Order?> FindByClientOrderIdAsync(TraderId trader, string clientOrderId,
        CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {SqliteSql.OrderColumns} FROM orders WHERE trader_id = $t AND client_order_id = $c",
            SqliteSql.ReadOrder, ct, ("$t", trader.Value), ("$c", clientOrderId)).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<OrderPage> ListOrdersAsync(OrderQuery q, CancellationToken ct = default)
    {
        const string where = """
            WHERE ($t IS NULL OR trader_id = $t) AND ($s IS NULL OR status = $s) AND ($y IS NULL OR symbol = $y)
            """;
        (string, object?)[] args = [("$t", q.Trader?.Value), ("$s", q.Status is { } s ? ApiNames.Of(s) : null),
            ("$y", q.Symbol?.Value), ("$limit", q.Limit), ("$offset", q.Offset)];
        var rows =
            await QueryAsync($"SELECT {SqliteSql.OrderColumns} FROM orders {where} ORDER BY row_no DESC LIMIT "
                + "$limit OFFSET $offset",
            SqliteSql.ReadOrder, ct, args).ConfigureAwait(false);
        var total = await QueryAsync($"SELECT COUNT(*) FROM orders {where}", r => r.GetInt64(0), ct, args)
            .ConfigureAwait(false);
        return new OrderPage(rows, total[0]);
    }

    // The work lists below are read every reconciliation pass. Each is found through the partial index that holds
    // its few orders; "+row_no" sorts those few afterwards, where a plain "ORDER BY row_no" has SQLite prefer walking
    // the whole table in row order (the store's history) over a sort.
    public async Task<IReadOnlyList<Order>> ListOpenOrdersAsync(CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT {SqliteSql.OrderColumns} FROM orders
            WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED') ORDER BY +row_no
            """, SqliteSql.ReadOrder, ct).ConfigureAwait(false);

    // Answered from the partial index ix_orders_open alone (a covering scan of the open orders' entries).
    public async Task<IReadOnlyDictionary<OrderStatus, long>> CountOpenOrdersAsync(CancellationToken ct = default) =>
        (await QueryAsync("""
            SELECT status, COUNT(*) FROM orders
            WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED') GROUP BY status
            """, r => (Status: ApiNames.Parse<OrderStatus>(r.GetString(0)), Count: r.GetInt64(1)), ct)
            .ConfigureAwait(false)).ToDictionary(c => c.Status, c => c.Count);

    public async Task<IReadOnlyList<Fill>> GetFillsAsync(OrderId id, CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT {SqliteSql.FillColumns} FROM fills WHERE order_row = (SELECT row_no FROM orders WHERE id = $id)
            ORDER BY timestamp, rowid
            """, SqliteSql.ReadFill, ct, ("$id", id.ToString())).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderId>> ListOrdersMissingFillsAsync(CancellationToken ct = default) =>
        await QueryAsync($"SELECT id FROM orders WHERE {OrderRow.ShortOfFills} ORDER BY row_no",
            r => new OrderId(Guid.Parse(r.GetString(0))), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderId>> ListOrdersInDoubtAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT id FROM orders WHERE in_doubt_since IS NOT NULL ORDER BY +row_no",
            r => new OrderId(Guid.Parse(r.GetString(0))), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OrderId id, CancellationToken ct = default) =>
        await QueryAsync(
            $"SELECT {SqliteSql.AuditColumns} FROM execution_log WHERE {SqliteSql.AuditOfOrder} ORDER BY id",
            SqliteSql.ReadAudit, ct, ("$o", id.ToString())).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderEvent>> GetEventsAsync(TraderId trader, long afterSeq, int limit,
        CancellationToken ct = default) =>
        await QueryAsync("SELECT payload FROM order_events WHERE trader_id = $t AND seq > $after ORDER "
            + "BY seq LIMIT $limit",
            r => OrderEventJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(r.GetString(0))), ct,
            ("$t", trader.Value), ("$after", afterSeq), ("$limit", limit)).ConfigureAwait(false);

    public async Task<LedgerSnapshot> LoadLedgerAsync(TraderId trader, DateOnly tradingDay,
        CancellationToken ct = default)
    {
        var account = await GetAccountAsync(trader, ct).ConfigureAwait(false);
        var positions = await QueryAsync("SELECT symbol, quantity, average_cost FROM positions WHERE trader_id = $t",
            r => new Position(Symbol.Of(r.GetString(0)), r.GetInt64(1), SqlText.Decimal(r.GetString(2))), ct,
            ("$t", trader.Value)).ConfigureAwait(false);
        var realised = await QueryAsync("SELECT realised FROM daily_pnl WHERE trader_id = $t AND trading_day = $d",
            r => SqlText.Decimal(r.GetString(0)), ct, ("$t", trader.Value),
            ("$d", tradingDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ConfigureAwait(false);
        var open = await QueryAsync($"""
            SELECT {SqliteSql.OrderColumns} FROM orders
            WHERE trader_id = $t AND status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED')
            """, SqliteSql.ReadOrder, ct, ("$t", trader.Value)).ConfigureAwait(false);
        return new LedgerSnapshot(account, positions, realised.FirstOrDefault(), open);
    }

    public async Task<Account?> GetAccountAsync(TraderId trader, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {SqliteSql.AccountColumns} FROM accounts WHERE trader_id = $t",
            SqliteSql.ReadAccount, ct, ("$t", trader.Value)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<string?> GetControlAsync(string key, CancellationToken ct = default) =>
        (await QueryAsync("SELECT value FROM trading_controls WHERE key = $k",
            r => r.IsDBNull(0) ? null : r.GetString(0), ct, ("$k", key)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<OrderId>> ListChildIdsAsync(OrderId parent, CancellationToken ct = default) =>
        await QueryAsync("SELECT id FROM orders WHERE parent_order_id = $p ORDER BY created_at, id",
            r => new OrderId(Guid.Parse(r.GetString(0))), ct, ("$p", parent.ToString())).ConfigureAwait(false);

    public async Task<IReadOnlyList<Ghost>> ListGhostsAsync(bool? open = null, CancellationToken ct = default) =>
        await QueryAsync(
            $"SELECT {GhostRow.Columns} FROM ghosts {GhostRow.Where(open)} ORDER BY first_seen_at, order_id",
            GhostRow.Read, ct).ConfigureAwait(false);

    public async Task<Ghost?> GetGhostAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {GhostRow.Columns} FROM ghosts WHERE order_id = $id", GhostRow.Read, ct,
            ("$id", id.ToString())).ConfigureAwait(false)).FirstOrDefault();

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken ct,
        params (string Name, object? Value)[] args)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(map(reader));
        return rows;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public void Dispose() => _writer.Dispose();
}
