// PostgreSQL's SQL for each step of writing a change (BatchSession), on the writer's own
// connection with reused, auto-prepared commands, one transaction per batch. The node that
// writes an order row (insert or update) becomes its owner (owner_node).
// Several nodes write to one database: every transaction first takes one transaction-scoped
// advisory lock, so the single audit chain and each trader's event sequence grow from the head
// the previous transaction (of any node) committed, gap-free and in order. A failed statement
// aborts a PostgreSQL transaction; the GroupCommitter then rolls back (which releases the lock)
// and retries each change alone in a new transaction (which takes it again).
namespace Fillmore.Storage.Postgres;

using System.Data;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Npgsql;

internal sealed partial class PostgresBatchSession : BatchSession
{
    /// <summary>The advisory lock key every node's writer holds for the length of a transaction ("FILLMORE" in
    /// ASCII).</summary>
    public const long WriterLockKey = 0x46494C4C4D4F5245;

    private readonly NpgsqlConnection _connection;
    private readonly string _nodeId;
    // Rows per multi-row INSERT: 18 audit columns x 500 stays far below PostgreSQL's 65,535 parameters.
    private const int RowsPerInsert = 500;

    private readonly NpgsqlCommand _lock, _insertOrder, _updateOrder, _orderVersion, _insertFill, _lastSeq,
        _chainHead, _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl,
        _upsertControl, _insertGhost, _updateGhost, _upsertProbe, _insertCheckpoint;
    private readonly NpgsqlCommand[] _all;
    private readonly TimeProvider _time;
    private NpgsqlTransaction? _tx;

    // Appended rows nothing in the transaction reads back, sent at commit in one round trip (FlushAppends).
    private readonly List<AuditEntry> _audit = [];
    private readonly List<OrderEvent> _events = [];
    private readonly Dictionary<string, long> _lastSeqs = new(StringComparer.Ordinal);

    public PostgresBatchSession(NpgsqlConnection connection, string nodeId, TimeProvider time)
    {
        _connection = connection;
        _nodeId = nodeId;
        _time = time;
        _lock = Prepare($"SELECT pg_advisory_xact_lock({WriterLockKey})");
        _insertOrder = Prepare(PostgresSql.InsertOrder);
        _updateOrder = Prepare(PostgresSql.UpdateOrder);
        _orderVersion = Prepare("SELECT version FROM orders WHERE id = @id");
        _insertFill = Prepare(PostgresSql.InsertFill);
        _lastSeq = Prepare("SELECT last_seq FROM trader_sequences WHERE trader_id = @trader_id");
        _chainHead = Prepare("SELECT id, hash FROM execution_log ORDER BY id DESC LIMIT 1");
        _upsertAccount = Prepare(PostgresSql.UpsertAccount);
        _guardAccount = Prepare("UPDATE accounts SET version = version + 1 "
            + "WHERE trader_id = @trader_id AND version = @expected_version");
        _upsertPosition = Prepare("""
            INSERT INTO positions (trader_id, symbol, quantity, average_cost, updated_at)
            VALUES (@trader_id, @symbol, @quantity, @average_cost, @updated_at)
            ON CONFLICT (trader_id, symbol) DO UPDATE
            SET quantity = excluded.quantity, average_cost = excluded.average_cost, updated_at = excluded.updated_at
            """);
        // numeric addition is exact, so the day's total is summed in the database (under the writer lock).
        _addDailyPnl = Prepare("""
            INSERT INTO daily_pnl (trader_id, trading_day, realised) VALUES (@trader_id, @trading_day, @realised)
            ON CONFLICT (trader_id, trading_day) DO UPDATE SET realised = daily_pnl.realised + excluded.realised
            """);
        _upsertControl = Prepare("""
            INSERT INTO trading_controls (key, value, updated_at) VALUES (@key, @value, @updated_at)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """);
        _insertGhost = Prepare(GhostRow.Insert(c => "@" + c));
        _updateGhost = Prepare(GhostRow.Update(c => "@" + c));
        _upsertProbe = Prepare("""
            INSERT INTO store_probes (node_id, probed_at) VALUES (@node_id, @probed_at)
            ON CONFLICT (node_id) DO UPDATE SET probed_at = excluded.probed_at
            """);
        _insertCheckpoint = Prepare(CheckpointRow.Insert(c => "@" + c));
        _all = [_lock, _insertOrder, _updateOrder, _orderVersion, _insertFill, _lastSeq, _chainHead, _upsertAccount,
            _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl, _insertGhost, _updateGhost, _upsertProbe,
            _insertCheckpoint];
    }

    protected override void BeginTransaction()
    {
        try
        {
            OpenTransaction();
        }
        catch (NpgsqlException) when (_connection.State != ConnectionState.Open)
        {
            // The server dropped the idle connection (restart, failover, idle timeout). Nothing was
            // written in this transaction yet, so it is safe to connect again and start it once more.
            _tx?.Dispose();
            _tx = null;
            OpenTransaction();
        }
    }

    private void OpenTransaction()
    {
        // A closed connection is opened again; the commands stay bound to it (and are prepared again as they are used).
        if (_connection.State != ConnectionState.Open)
        {
            _connection.Close();
            _connection.Open();
        }
        ClearAppends();
        _tx = _connection.BeginTransaction(IsolationLevel.ReadCommitted);
        foreach (var cmd in _all) cmd.Transaction = _tx;
        _fix?.Enlist(_tx);
        // Read committed: each statement after the lock sees everything committed before it was granted.
        _lock.ExecuteNonQuery();
    }

    protected override (long Id, string Hash)? ReadChainHead()
    {
        using var reader = _chainHead.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    protected override void InsertOrder(Order order)
    {
        PostgresSql.BindOrder(_insertOrder, order, _nodeId);
        Execute(_insertOrder, CommitStatus.DuplicateOrderId);
    }

    protected override void UpdateOrder(Order order, long expectedVersion)
    {
        PostgresSql.BindOrder(_updateOrder, order, _nodeId);
        _updateOrder.Parameters["expected_version"].Value = expectedVersion;
        if (_updateOrder.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override long? ReadOrderVersion(OrderId id)
    {
        _orderVersion.Parameters["id"].Value = id.ToString();
        return _orderVersion.ExecuteScalar() as long?;
    }

    protected override void WriteAccount(Account account)
    {
        PostgresSql.BindAccount(_upsertAccount, account, _time.GetUtcNow());
        if (_upsertAccount.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void GuardAccount(TraderId trader, long expectedVersion)
    {
        _guardAccount.Parameters["trader_id"].Value = trader.Value;
        _guardAccount.Parameters["expected_version"].Value = expectedVersion;
        if (_guardAccount.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void WritePosition(TraderId trader, Position position)
    {
        var pp = _upsertPosition.Parameters;
        pp["trader_id"].Value = trader.Value;
        pp["symbol"].Value = position.Symbol.Value;
        pp["quantity"].Value = position.Quantity;
        pp["average_cost"].Value = position.AverageCost;
        pp["updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        _upsertPosition.ExecuteNonQuery();
    }

    protected override void AddRealised(TraderId trader, DateOnly day, decimal delta)
    {
        var dp = _addDailyPnl.Parameters;
        dp["trader_id"].Value = trader.Value;
        dp["trading_day"].Value = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        dp["realised"].Value = delta;
        _addDailyPnl.ExecuteNonQuery();
    }

    protected override void WriteControl(ControlChange control)
    {
        var p = _upsertControl.Parameters;
        p["key"].Value = control.Key;
        p["value"].Value = (object?)control.Value ?? DBNull.Value;
        p["updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        _upsertControl.ExecuteNonQuery();
    }

    protected override bool WriteGhost(Ghost ghost)
    {
        var command = ghost.Version == 1 ? _insertGhost : _updateGhost;
        foreach (var (column, value) in GhostRow.Values(ghost))
            command.Parameters[column].Value = value ?? DBNull.Value;
        if (command.ExecuteNonQuery() == 1) return true;
        return ghost.Version == 1 ? false : throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void InsertCheckpoint(AuditCheckpoint checkpoint)
    {
        foreach (var (column, value) in CheckpointRow.Values(checkpoint))
            _insertCheckpoint.Parameters[column].Value = value ?? DBNull.Value;
        _insertCheckpoint.ExecuteNonQuery();
    }

    protected override void WriteProbe(StoreProbe probe)
    {
        _upsertProbe.Parameters["node_id"].Value = probe.NodeId;
        _upsertProbe.Parameters["probed_at"].Value = SqlText.Of(probe.At);
        _upsertProbe.ExecuteNonQuery();
    }

    protected override void InsertFill(Fill fill)
    {
        PostgresSql.BindFill(_insertFill, fill);
        Execute(_insertFill, CommitStatus.DuplicateFill);
    }

    protected override void InsertAudit(long id, AuditRecord record, string previousHash, string hash) =>
        _audit.Add(new AuditEntry(id, record, previousHash, hash));

    // Under the writer lock no other transaction numbers this trader's events: the last seq is read once per batch.
    protected override OrderEvent AppendEvent(OrderEvent e)
    {
        var trader = e.TraderId.Value;
        if (!_lastSeqs.TryGetValue(trader, out var last))
        {
            _lastSeq.Parameters["trader_id"].Value = trader;
            last = _lastSeq.ExecuteScalar() is long stored ? stored : 0;
        }
        var numbered = e with { Seq = last + 1 };
        _lastSeqs[trader] = numbered.Seq;
        _events.Add(numbered);
        return numbered;
    }

    // The batch's audit entries, events and the traders' last seqs as multi-row statements in one NpgsqlBatch: one
    // round trip for what took one per row. Nothing in the transaction reads them before the commit.
    private void FlushAppends()
    {
        if (_audit.Count == 0 && _events.Count == 0) return;
        using var batch = new NpgsqlBatch(_connection, _tx);
        foreach (var rows in _audit.Chunk(RowsPerInsert))
            batch.BatchCommands.Add(MultiRow($"INSERT INTO execution_log ({PostgresSql.AuditColumns}) VALUES ",
                rows.Select(PostgresSql.AuditValues), ""));
        foreach (var rows in _events.Chunk(RowsPerInsert))
            batch.BatchCommands.Add(MultiRow("INSERT INTO order_events (trader_id, seq, event_type, order_id, payload, "
                + "recorded_at) VALUES ", rows.Select(EventValues), ""));
        if (_lastSeqs.Count > 0)
            batch.BatchCommands.Add(MultiRow("INSERT INTO trader_sequences (trader_id, last_seq) VALUES ",
                _lastSeqs.Select(kv => new object?[] { kv.Key, kv.Value }),
                " ON CONFLICT (trader_id) DO UPDATE SET last_seq = excluded.last_seq"));
        batch.ExecuteNonQuery();
    }

    private static object?[] EventValues(OrderEvent e) =>
    [
        e.TraderId.Value, e.Seq, e.Type, e.OrderId.ToString(),
        System.Text.Encoding.UTF8.GetString(OrderEventJson.Serialize(e)), SqlText.Of(e.RecordedAt),
    ];

    // "prefix ($1, $2), ($3, $4) suffix" with the values as positional parameters.
    private static NpgsqlBatchCommand MultiRow(string prefix, IEnumerable<object?[]> rows, string suffix)
    {
        var command = new NpgsqlBatchCommand();
        var sql = new System.Text.StringBuilder(prefix);
        foreach (var row in rows)
        {
            sql.Append(command.Parameters.Count == 0 ? "(" : ", (");
            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = row[i] ?? DBNull.Value });
                sql.Append(i == 0 ? "$" : ", $").Append(command.Parameters.Count);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(suffix).ToString();
        return command;
    }

    private void ClearAppends()
    {
        _audit.Clear();
        _events.Clear();
        _lastSeqs.Clear();
    }

    // A unique violation names its constraint: the client order id index, or the primary key / execution id of the row.
    private static void Execute(NpgsqlCommand cmd, CommitStatus onUniqueViolation)
    {
        try { cmd.ExecuteNonQuery(); }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var status = ex.ConstraintName == "ux_orders_client_order_id" ? CommitStatus.DuplicateClientOrderId
                : onUniqueViolation;
            throw new ChangeRefusedException(status);
        }
    }

    public override void Commit()
    {
        FlushAppends();
        _tx!.Commit();
        _tx.Dispose();
        _tx = null;
    }

    public override void Rollback()
    {
        if (_tx is null) throw new InvalidOperationException("No transaction.");
        ClearAppends();
        try { if (_connection.State == ConnectionState.Open) _tx.Rollback(); }
        catch (NpgsqlException) { /* the connection broke: the server rolled back with it */ }
        finally { _tx.Dispose(); _tx = null; }
    }

    private NpgsqlCommand Prepare(string sql)
    {
        var cmd = new NpgsqlCommand(sql, _connection);
        PostgresSql.DeclareParameters(cmd);
        return cmd;
    }

    public override void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
        _fix?.Dispose();
        _connection.Dispose();
    }
}
