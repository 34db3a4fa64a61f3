// PostgreSQL's SQL for each step of writing a change (BatchSession), on the writer's own
// connection with reused, auto-prepared commands, one transaction per batch. The node that
// writes an order row (insert or update) becomes its owner (owner_node).
// Several nodes write to one database, with no lock for the whole cluster. A transaction first
// writes its rows (orders guarded by their versions, accounts, fills, ledger: row locks), then, at
// commit, locks the audit_heads rows of the partitions its changes touch (SELECT ... ORDER BY
// partition FOR UPDATE, rows locked in ascending order) and reads its traders' last event numbers
// and its entries' order keys in the same round trip, chains its audit entries and numbers its
// events from them, and sends them with the new heads in one more round trip before COMMIT. So
// each partition's chain and each of its traders' event sequences grow from what the previous
// holder (of any node) committed, gap-free and in order; writers of other partitions go on beside
// it, and a partition is held only for the last two round trips and the commit, not the whole batch.
// No deadlock on the partitions: every writer takes them in the same order, in one statement, and
// once it holds them it waits for no other lock (the rows it then writes are its partitions'
// alone). Row locks taken before (two nodes changing the same order or account, an API key
// touched: last uses are applied in key order) can still meet in a cycle; PostgreSQL's deadlock
// detection ends one transaction and the GroupCommitter retries each change alone. A failed
// statement aborts a PostgreSQL transaction; the GroupCommitter then rolls back (which releases
// the locks) and retries each change alone in a new transaction.
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

    private readonly NpgsqlCommand _alive, _insertOrder, _updateOrder, _orderAtVersion, _addRecorded, _insertFill,
        _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl, _insertGhost, _updateGhost,
        _upsertProbe, _insertCheckpoint;
    private readonly NpgsqlCommand[] _all;
    private readonly TimeProvider _time;
    private NpgsqlTransaction? _tx;

    // Row writes whose answers the batch needs only at commit (orders, fills, accounts, positions, the day's P&L),
    // sent together in one round trip (FlushRows) instead of one each: about six per order. Each is checked
    // there as it was when sent alone; a failed check refuses the batch, and the GroupCommitter retries each
    // change alone, where the same check refuses just that change.
    private readonly List<DeferredRow> _rows = [];

    // Appended rows nothing in the transaction reads back, sent at commit in one round trip (FlushAppends).
    private readonly List<AuditEntry> _audit = [];
    private readonly List<OrderEvent> _events = [];
    private readonly Dictionary<string, long> _lastSeqs = new(StringComparer.Ordinal);
    // The order key (orders.row_no) of each order the batch's entries are about, read in Seal's round trip.
    private readonly Dictionary<string, long> _orderRows = new(StringComparer.Ordinal);
    // Events waiting for their number (the trader's partition is locked at commit), and where each one goes.
    private readonly List<(OrderEvent Event, OrderEvent[] Into, int Index)> _pendingEvents = [];
    // API keys' last uses, applied at commit in key order (TouchApiKey).
    private readonly SortedDictionary<string, DateTimeOffset> _touches = new(StringComparer.Ordinal);

    public PostgresBatchSession(NpgsqlConnection connection, string nodeId, TimeProvider time, int partitions)
        : base(partitions)
    {
        _connection = connection;
        _nodeId = nodeId;
        _time = time;
        _alive = Prepare("SELECT 1");
        _insertOrder = Prepare(PostgresSql.InsertOrder);
        _updateOrder = Prepare(PostgresSql.UpdateOrder);
        // FOR SHARE: an append-only change relies on the version staying current until it commits.
        _orderAtVersion = Prepare("SELECT 1 FROM orders WHERE id = @id AND version = @expected_version FOR SHARE");
        _addRecorded = Prepare(OrderRow.AddRecorded(c => "@" + c));
        _insertFill = Prepare(PostgresSql.InsertFill);
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
        _all = [_alive, _insertOrder, _updateOrder, _orderAtVersion, _addRecorded, _insertFill,
            _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl, _insertGhost, _updateGhost,
            _upsertProbe, _insertCheckpoint];
    }

    // The partitions are taken at commit (SealsChainsAtCommit), so none is asked for here. Every batch still
    // starts with one statement, so a connection the server dropped is found before anything is written.
    protected override IReadOnlyList<AuditHead> BeginTransaction(IReadOnlyList<int> partitions)
    {
        try
        {
            OpenTransaction();
            _alive.ExecuteNonQuery();
        }
        catch (NpgsqlException) when (_connection.State != ConnectionState.Open)
        {
            // The server dropped the idle connection (restart, failover, idle timeout). Nothing was
            // written in this transaction yet, so it is safe to connect again and start it once more.
            _tx?.Dispose();
            _tx = null;
            OpenTransaction();
            _alive.ExecuteNonQuery();
        }
        return [];
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

    protected override bool SealsChainsAtCommit => true;

    // The batch's partitions locked (ascending, one statement) and its traders' last event numbers read, in one
    // round trip; then the pending entries are chained and the pending events numbered from them. Read committed:
    // a row locked FOR UPDATE is returned as its holder committed it, and the statement after it in the batch sees
    // everything committed before the locks were granted.
    private void Seal()
    {
        if (Needed.Count == 0 || (PendingEntries == 0 && _pendingEvents.Count == 0)) return;
        var traders = _pendingEvents.Select(p => p.Event.TraderId.Value).Distinct(StringComparer.Ordinal).ToArray();
        using var batch = new NpgsqlBatch(_connection, _tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT partition, seq, hash FROM audit_heads "
            + "WHERE partition = ANY($1) ORDER BY partition FOR UPDATE")
        {
            Parameters = { new() { Value = Needed.ToArray() } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT trader_id, last_seq FROM trader_sequences "
            + "WHERE trader_id = ANY($1)")
        {
            Parameters = { new() { Value = traders } },
        });
        // One lookup for every entry's order key: a subquery per row in the entries' INSERT cost a quarter of the
        // store's throughput (docs/benchmarks.md, "The integer order key").
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, row_no FROM orders WHERE id = ANY($1)")
        {
            Parameters = { new() { Value = PendingOrderIds.ToArray() } },
        });
        var heads = new List<AuditHead>(Needed.Count);
        using (var reader = batch.ExecuteReader())
        {
            while (reader.Read())
                heads.Add(new AuditHead(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2)));
            reader.NextResult();
            while (reader.Read()) _lastSeqs[reader.GetString(0)] = reader.GetInt64(1);
            reader.NextResult();
            while (reader.Read()) _orderRows[reader.GetString(0)] = reader.GetInt64(1);
        }
        SealChains(heads);
        foreach (var (e, into, index) in _pendingEvents)
        {
            var numbered = e with { Seq = _lastSeqs.GetValueOrDefault(e.TraderId.Value) + 1 };
            _lastSeqs[e.TraderId.Value] = numbered.Seq;
            _events.Add(numbered);
            into[index] = numbered;
        }
        _pendingEvents.Clear();
    }

    protected override void InsertOrder(Order order, long recorded)
    {
        PostgresSql.BindOrder(_insertOrder, order, _nodeId);
        _insertOrder.Parameters[OrderRow.RecordedQuantity].Value = recorded;
        Defer(_insertOrder, RowCheck.Unique);
    }

    protected override void UpdateOrder(Order order, long expectedVersion, long recorded)
    {
        PostgresSql.BindOrder(_updateOrder, order, _nodeId);
        _updateOrder.Parameters["expected_version"].Value = expectedVersion;
        _updateOrder.Parameters[OrderRow.RecordedAdded].Value = recorded;
        Defer(_updateOrder, RowCheck.OneRow);
    }

    // Asked at commit with the other rows: the order at that version, FOR SHARE (no other node moves it meanwhile),
    // or updated with the quantity of the fills the change adds.
    protected override void CheckOrderVersion(OrderId id, long expectedVersion, long recorded)
    {
        var check = recorded > 0 ? _addRecorded : _orderAtVersion;
        check.Parameters["id"].Value = id.ToString();
        check.Parameters["expected_version"].Value = expectedVersion;
        if (recorded > 0) check.Parameters[OrderRow.RecordedAdded].Value = recorded;
        Defer(check, RowCheck.OneRow);
    }

    protected override void WriteAccount(Account account)
    {
        PostgresSql.BindAccount(_upsertAccount, account, _time.GetUtcNow());
        Defer(_upsertAccount, RowCheck.OneRow);
    }

    protected override void GuardAccount(TraderId trader, long expectedVersion)
    {
        _guardAccount.Parameters["trader_id"].Value = trader.Value;
        _guardAccount.Parameters["expected_version"].Value = expectedVersion;
        Defer(_guardAccount, RowCheck.OneRow);
    }

    protected override void WritePosition(TraderId trader, Position position)
    {
        var pp = _upsertPosition.Parameters;
        pp["trader_id"].Value = trader.Value;
        pp["symbol"].Value = position.Symbol.Value;
        pp["quantity"].Value = position.Quantity;
        pp["average_cost"].Value = position.AverageCost;
        pp["updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        Defer(_upsertPosition, RowCheck.None);
    }

    protected override void AddRealised(TraderId trader, DateOnly day, decimal delta)
    {
        var dp = _addDailyPnl.Parameters;
        dp["trader_id"].Value = trader.Value;
        dp["trading_day"].Value = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        dp["realised"].Value = delta;
        Defer(_addDailyPnl, RowCheck.None);
    }

    protected override void WriteControl(ControlChange control)
    {
        FlushRows();   // written in the order the changes came
        var p = _upsertControl.Parameters;
        p["key"].Value = control.Key;
        p["value"].Value = (object?)control.Value ?? DBNull.Value;
        p["updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        _upsertControl.ExecuteNonQuery();
    }

    protected override bool WriteGhost(Ghost ghost)
    {
        FlushRows();   // written in the order the changes came
        var command = ghost.Version == 1 ? _insertGhost : _updateGhost;
        foreach (var (column, value) in GhostRow.Values(ghost))
            command.Parameters[column].Value = value ?? DBNull.Value;
        if (command.ExecuteNonQuery() == 1) return true;
        return ghost.Version == 1 ? false : throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void InsertCheckpoint(AuditCheckpoint checkpoint)
    {
        FlushRows();   // written in the order the changes came
        foreach (var (column, value) in CheckpointRow.Values(checkpoint))
            _insertCheckpoint.Parameters[column].Value = value ?? DBNull.Value;
        _insertCheckpoint.ExecuteNonQuery();
    }

    protected override void WriteProbe(StoreProbe probe)
    {
        FlushRows();   // written in the order the changes came
        _upsertProbe.Parameters["node_id"].Value = probe.NodeId;
        _upsertProbe.Parameters["probed_at"].Value = SqlText.Of(probe.At);
        _upsertProbe.ExecuteNonQuery();
    }

    protected override void InsertFill(Fill fill)
    {
        PostgresSql.BindFill(_insertFill, fill);
        Defer(_insertFill, RowCheck.Unique);
    }

    protected override void InsertAudit(AuditEntry entry) => _audit.Add(entry);

    protected override void AppendEvent(OrderEvent e, OrderEvent[] numbered, int index) =>
        _pendingEvents.Add((e, numbered, index));

    // The batch's audit entries (ids from the sequence, in the order of the rows: ascending with each partition's
    // seq, since the partition is locked), the partitions' new heads, events and the traders' last seqs as
    // multi-row statements in one NpgsqlBatch: one round trip for what took one per row. Nothing in the
    // transaction reads them before the commit.
    private void FlushAppends()
    {
        if (_audit.Count == 0 && _events.Count == 0) return;
        using var batch = new NpgsqlBatch(_connection, _tx);
        foreach (var rows in _audit.Chunk(RowsPerInsert))
            batch.BatchCommands.Add(MultiRow($"INSERT INTO execution_log ({AuditInsertColumns}, order_row) VALUES ",
                rows.Select(AuditRowValues), ""));
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

    // An entry's columns after its id (from the sequence), then its order key: none for an entry about no order.
    private object?[] AuditRowValues(AuditEntry e) =>
        [
            .. PostgresSql.AuditValues(e)[1..],
            _orderRows.TryGetValue(e.Record.OrderId.ToString(), out var row) ? row : null,
        ];

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
        _rows.Clear();
        _audit.Clear();
        _events.Clear();
        _lastSeqs.Clear();
        _orderRows.Clear();
        _touches.Clear();
        _pendingEvents.Clear();
    }

    private void Defer(NpgsqlCommand cmd, RowCheck check)
    {
        var row = new NpgsqlBatchCommand(cmd.CommandText);
        foreach (NpgsqlParameter p in cmd.Parameters) row.Parameters.Add(p.Clone());
        _rows.Add(new DeferredRow(row, check));
    }

    // The deferred rows in one round trip, in the order they were written, then each one's check (a SELECT's
    // rows affected are the rows it found). A unique violation names its constraint and table: the client order
    // id index, a fill's id or execution id, or the order's id.
    private void FlushRows()
    {
        if (_rows.Count == 0) return;
        using var batch = new NpgsqlBatch(_connection, _tx);
        foreach (var row in _rows) batch.BatchCommands.Add(row.Command);
        try { batch.ExecuteNonQuery(); }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            _rows.Clear();
            throw new ChangeRefusedException(ex.ConstraintName == "ux_orders_client_order_id"
                ? CommitStatus.DuplicateClientOrderId
                : ex.TableName == "fills" ? CommitStatus.DuplicateFill : CommitStatus.DuplicateOrderId);
        }
        var refused = _rows.Any(row => row.Check == RowCheck.OneRow && row.Command.RecordsAffected != 1);
        _rows.Clear();
        if (refused) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    public override void Commit()
    {
        FlushRows();
        FlushTouches();
        Seal();
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
