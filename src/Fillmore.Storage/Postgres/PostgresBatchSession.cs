// PostgreSQL's SQL for each step of writing a change (BatchSession), on the writer's own
// connection with reused, auto-prepared commands, one transaction per batch. The node that
// writes an order row (insert or update) becomes its owner (owner_node).
// Several nodes write to one database, with no lock for the whole cluster: a transaction first
// locks the audit_heads rows of the partitions its changes touch (SELECT ... ORDER BY partition
// FOR UPDATE, one statement, rows locked in ascending order), so each partition's chain, and the
// event sequence and rows of each trader in it, grow from what the previous holder (of any node)
// committed, gap-free and in order, while writers of other partitions go on beside it. Every
// writer takes its partitions in the same order, so they cannot deadlock on them; the rows they
// write after that belong to traders of those partitions, except keyed rows shared by no trader
// (an API key's last use: applied at commit in key order; a control, an API key or a data key
// changed by administrators on two nodes at once), where PostgreSQL's deadlock detection ends
// one transaction and the GroupCommitter retries each change alone. A failed statement aborts a
// PostgreSQL transaction; the GroupCommitter then rolls back (which releases the locks) and
// retries each change alone in a new transaction (which takes its own partitions again).
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
    private readonly NpgsqlConnection _connection;
    private readonly string _nodeId;
    // Rows per multi-row INSERT: 18 audit columns x 500 stays far below PostgreSQL's 65,535 parameters.
    private const int RowsPerInsert = 500;

    private readonly NpgsqlCommand _alive, _lockHeads, _insertOrder, _updateOrder, _orderVersion, _insertFill, _lastSeq,
        _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl,
        _upsertControl, _insertGhost, _updateGhost, _upsertProbe, _insertCheckpoint;
    private readonly NpgsqlCommand[] _all;
    private readonly TimeProvider _time;
    private NpgsqlTransaction? _tx;

    // Appended rows nothing in the transaction reads back, sent at commit in one round trip (FlushAppends).
    private readonly List<AuditEntry> _audit = [];
    private readonly List<OrderEvent> _events = [];
    private readonly Dictionary<string, long> _lastSeqs = new(StringComparer.Ordinal);
    // API keys' last uses, applied at commit in key order (TouchApiKey).
    private readonly SortedDictionary<string, DateTimeOffset> _touches = new(StringComparer.Ordinal);

    public PostgresBatchSession(NpgsqlConnection connection, string nodeId, TimeProvider time, int partitions)
        : base(partitions)
    {
        _connection = connection;
        _nodeId = nodeId;
        _time = time;
        _alive = Prepare("SELECT 1");
        _lockHeads = Prepare("SELECT partition, seq, hash FROM audit_heads WHERE partition = ANY(@partitions) "
            + "ORDER BY partition FOR UPDATE");
        _insertOrder = Prepare(PostgresSql.InsertOrder);
        _updateOrder = Prepare(PostgresSql.UpdateOrder);
        _orderVersion = Prepare("SELECT version FROM orders WHERE id = @id");
        _insertFill = Prepare(PostgresSql.InsertFill);
        _lastSeq = Prepare("SELECT last_seq FROM trader_sequences WHERE trader_id = @trader_id");
        _upsertAccount = Prepare(PostgresSql.UpsertAccount);
        _guardAccount = Prepare("UPDATE accounts SET version = version + 1 "
            + "WHERE trader_id = @trader_id AND version = @expected_version");
        _upsertPosition = Prepare("""
            INSERT INTO positions (trader_id, symbol, quantity, average_cost, updated_at)
            VALUES (@trader_id, @symbol, @quantity, @average_cost, @updated_at)
            ON CONFLICT (trader_id, symbol) DO UPDATE
            SET quantity = excluded.quantity, average_cost = excluded.average_cost, updated_at = excluded.updated_at
            """);
        // numeric addition is exact, so the day's total is summed in the database (under the partition's lock).
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
        _all = [_alive, _lockHeads, _insertOrder, _updateOrder, _orderVersion, _insertFill, _lastSeq, _upsertAccount,
            _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl, _insertGhost, _updateGhost, _upsertProbe,
            _insertCheckpoint];
    }

    protected override IReadOnlyList<AuditHead> BeginTransaction(IReadOnlyList<int> partitions)
    {
        try
        {
            OpenTransaction();
            return TakeHeads(partitions);
        }
        catch (NpgsqlException) when (_connection.State != ConnectionState.Open)
        {
            // The server dropped the idle connection (restart, failover, idle timeout). Nothing was
            // written in this transaction yet, so it is safe to connect again and start it once more.
            _tx?.Dispose();
            _tx = null;
            OpenTransaction();
            return TakeHeads(partitions);
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
    }

    // Read committed: a row locked FOR UPDATE is returned as its holder committed it, and each later statement
    // sees everything committed before the locks were granted (the trader's last event seq, its order rows).
    // A batch without partitions (a probe, a checkpoint, a FIX session write) still starts with one statement, so a
    // connection the server dropped is found here, before anything is written, as it was with the writer lock.
    private List<AuditHead> TakeHeads(IReadOnlyList<int> partitions)
    {
        if (partitions.Count == 0)
        {
            _alive.ExecuteNonQuery();
            return [];
        }
        _lockHeads.Parameters["partitions"].Value = partitions as int[] ?? partitions.ToArray();
        using var reader = _lockHeads.ExecuteReader();
        var heads = new List<AuditHead>(partitions.Count);
        while (reader.Read()) heads.Add(new AuditHead(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2)));
        return heads;
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

    protected override void InsertAudit(AuditEntry entry) => _audit.Add(entry);

    // Under the trader's partition lock no other transaction numbers its events: the last seq is read once per batch.
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

    // The batch's audit entries (ids from the sequence, in the order of the rows: ascending with each partition's
    // seq, since the partition is locked), the partitions' new heads, events and the traders' last seqs as
    // multi-row statements in one NpgsqlBatch: one round trip for what took one per row. Nothing in the
    // transaction reads them before the commit.
    private void FlushAppends()
    {
        if (_audit.Count == 0 && _events.Count == 0) return;
        using var batch = new NpgsqlBatch(_connection, _tx);
        foreach (var rows in _audit.Chunk(RowsPerInsert))
            batch.BatchCommands.Add(MultiRow($"INSERT INTO execution_log ({AuditInsertColumns}) VALUES ",
                rows.Select(e => PostgresSql.AuditValues(e)[1..]), ""));
        var heads = MovedHeads();
        if (heads.Count > 0)
            batch.BatchCommands.Add(MultiRow("UPDATE audit_heads AS h SET seq = v.seq, hash = v.hash FROM (VALUES ",
                heads.Select(h => new object?[] { h.Partition, h.Seq, h.Hash }),
                ") AS v (partition, seq, hash) WHERE h.partition = v.partition"));
        foreach (var rows in _events.Chunk(RowsPerInsert))
            batch.BatchCommands.Add(MultiRow("INSERT INTO order_events (trader_id, seq, event_type, order_id, payload, "
                + "recorded_at) VALUES ", rows.Select(EventValues), ""));
        if (_lastSeqs.Count > 0)
            batch.BatchCommands.Add(MultiRow("INSERT INTO trader_sequences (trader_id, last_seq) VALUES ",
                _lastSeqs.Select(kv => new object?[] { kv.Key, kv.Value }),
                " ON CONFLICT (trader_id) DO UPDATE SET last_seq = excluded.last_seq"));
        batch.ExecuteNonQuery();
    }

    private static readonly string AuditInsertColumns = string.Join(", ", PostgresSql.AuditColumnNames[1..]);

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
        _touches.Clear();
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
        FlushTouches();
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
