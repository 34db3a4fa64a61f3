// SQLite's SQL for each step of writing a change (BatchSession), on the writer's own connection
// with prepared statements; the batch's transaction is BEGIN IMMEDIATE.
// Events are numbered in memory: this connection is the only writer of the file (one process per
// database, one writer thread), so each trader's last seq is read once and then kept. A batch's
// numbers become the known ones only when it commits, and trader_sequences is written once per
// trader per batch instead of once per event.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Data.Sqlite;

internal sealed class SqliteBatchSession : BatchSession
{
    private const int SqliteConstraint = 19;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertOrder, _updateOrder, _orderVersion, _insertFill, _insertAudit, _lastSeq, _saveSeq, _insertEvent, _chainHead,
        _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl;
    private readonly SqliteCommand[] _all;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _committedSeqs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _batchSeqs = new(StringComparer.Ordinal);
    private SqliteTransaction? _tx;

    public SqliteBatchSession(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _insertOrder = Prepare(SqliteSql.InsertOrder);
        _updateOrder = Prepare(SqliteSql.UpdateOrder);
        _orderVersion = Prepare("SELECT version FROM orders WHERE id = $id");
        _insertFill = Prepare(SqliteSql.InsertFill);
        _insertAudit = Prepare(SqliteSql.InsertAudit);
        _lastSeq = Prepare("SELECT last_seq FROM trader_sequences WHERE trader_id = $trader_id");
        _saveSeq = Prepare("""
            INSERT INTO trader_sequences (trader_id, last_seq) VALUES ($trader_id, $seq)
            ON CONFLICT (trader_id) DO UPDATE SET last_seq = excluded.last_seq
            """);
        _insertEvent = Prepare("""
            INSERT INTO order_events (trader_id, seq, event_type, order_id, payload, recorded_at)
            VALUES ($trader_id, $seq, $event_type, $order_id, $payload, $recorded_at)
            """);
        _chainHead = Prepare("SELECT id, hash FROM execution_log ORDER BY id DESC LIMIT 1");
        _upsertAccount = Prepare(SqliteSql.UpsertAccount);
        _guardAccount = Prepare("UPDATE accounts SET version = version + 1 WHERE trader_id = $trader_id AND version = $expected_version");
        _upsertPosition = Prepare("""
            INSERT INTO positions (trader_id, symbol, quantity, average_cost, updated_at) VALUES ($trader_id, $symbol, $quantity, $average_cost, $updated_at)
            ON CONFLICT (trader_id, symbol) DO UPDATE SET quantity = excluded.quantity, average_cost = excluded.average_cost, updated_at = excluded.updated_at
            """);
        // Decimal text is added exactly in C# (SQLite's own arithmetic on TEXT would go through floating point).
        _addDailyPnl = Prepare("""
            INSERT INTO daily_pnl (trader_id, trading_day, realised) VALUES ($trader_id, $trading_day, $realised)
            ON CONFLICT (trader_id, trading_day) DO UPDATE SET realised = $total
            """);
        _upsertControl = Prepare("""
            INSERT INTO trading_controls (key, value, updated_at) VALUES ($key, $value, $updated_at)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """);
        _all = [_insertOrder, _updateOrder, _orderVersion, _insertFill, _insertAudit, _lastSeq, _saveSeq, _insertEvent, _chainHead,
            _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl];
    }

    protected override void BeginTransaction()
    {
        _batchSeqs.Clear();
        _tx = _connection.BeginTransaction(deferred: false);
        foreach (var cmd in _all) cmd.Transaction = _tx;
    }

    protected override (long Id, string Hash)? ReadChainHead()
    {
        using var reader = _chainHead.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    protected override void InsertOrder(Order order)
    {
        SqliteSql.BindOrder(_insertOrder, order);
        Execute(_insertOrder, CommitStatus.DuplicateOrderId);
    }

    protected override void UpdateOrder(Order order, long expectedVersion)
    {
        SqliteSql.BindOrder(_updateOrder, order);
        _updateOrder.Parameters["$expected_version"].Value = expectedVersion;
        if (_updateOrder.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override long? ReadOrderVersion(OrderId id)
    {
        _orderVersion.Parameters["$id"].Value = id.ToString();
        return _orderVersion.ExecuteScalar() as long?;
    }

    protected override void WriteAccount(Account account)
    {
        SqliteSql.BindAccount(_upsertAccount, account, _time.GetUtcNow());
        if (_upsertAccount.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void GuardAccount(TraderId trader, long expectedVersion)
    {
        _guardAccount.Parameters["$trader_id"].Value = trader.Value;
        _guardAccount.Parameters["$expected_version"].Value = expectedVersion;
        if (_guardAccount.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void WritePosition(TraderId trader, Position position)
    {
        var pp = _upsertPosition.Parameters;
        pp["$trader_id"].Value = trader.Value;
        pp["$symbol"].Value = position.Symbol.Value;
        pp["$quantity"].Value = position.Quantity;
        pp["$average_cost"].Value = SqlText.Of(position.AverageCost);
        pp["$updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        _upsertPosition.ExecuteNonQuery();
    }

    protected override void AddRealised(TraderId trader, DateOnly day, decimal delta)
    {
        var dayText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dp = _addDailyPnl.Parameters;
        dp["$trader_id"].Value = trader.Value;
        dp["$trading_day"].Value = dayText;
        dp["$realised"].Value = SqlText.Of(delta);
        dp["$total"].Value = SqlText.Of(delta + ReadRealised(trader.Value, dayText));
        _addDailyPnl.ExecuteNonQuery();
    }

    private decimal ReadRealised(string trader, string day)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = "SELECT realised FROM daily_pnl WHERE trader_id = $t AND trading_day = $d";
        cmd.Parameters.AddWithValue("$t", trader);
        cmd.Parameters.AddWithValue("$d", day);
        return cmd.ExecuteScalar() is string text ? SqlText.Decimal(text) : 0m;
    }

    protected override void WriteControl(ControlChange control)
    {
        var p = _upsertControl.Parameters;
        p["$key"].Value = control.Key;
        p["$value"].Value = (object?)control.Value ?? DBNull.Value;
        p["$updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        _upsertControl.ExecuteNonQuery();
    }

    protected override void InsertFill(Fill fill)
    {
        SqliteSql.BindFill(_insertFill, fill);
        Execute(_insertFill, CommitStatus.DuplicateFill);
    }

    protected override void InsertAudit(long id, AuditRecord record, string previousHash, string hash)
    {
        SqliteSql.BindAudit(_insertAudit, id, record, previousHash, hash);
        _insertAudit.ExecuteNonQuery();
    }

    protected override OrderEvent AppendEvent(OrderEvent e)
    {
        var numbered = e with { Seq = LastSeq(e.TraderId.Value) + 1 };
        _batchSeqs[e.TraderId.Value] = numbered.Seq;
        var p = _insertEvent.Parameters;
        p["$trader_id"].Value = e.TraderId.Value;
        p["$seq"].Value = numbered.Seq;
        p["$event_type"].Value = e.Type;
        p["$order_id"].Value = e.OrderId.ToString();
        p["$payload"].Value = System.Text.Encoding.UTF8.GetString(OrderEventJson.Serialize(numbered));
        p["$recorded_at"].Value = SqlText.Of(e.RecordedAt);
        _insertEvent.ExecuteNonQuery();
        return numbered;
    }

    private long LastSeq(string trader)
    {
        if (_batchSeqs.TryGetValue(trader, out var seq) || _committedSeqs.TryGetValue(trader, out seq)) return seq;
        _lastSeq.Parameters["$trader_id"].Value = trader;
        return _lastSeq.ExecuteScalar() as long? ?? 0;
    }

    private void SaveSeqs()
    {
        foreach (var (trader, seq) in _batchSeqs)
        {
            _saveSeq.Parameters["$trader_id"].Value = trader;
            _saveSeq.Parameters["$seq"].Value = seq;
            _saveSeq.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteCommand cmd, CommitStatus onUniqueViolation)
    {
        try { cmd.ExecuteNonQuery(); }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint && ex.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            var status = ex.Message.Contains("client_order_id", StringComparison.Ordinal) ? CommitStatus.DuplicateClientOrderId : onUniqueViolation;
            throw new ChangeRefusedException(status);
        }
    }

    public override void Commit()
    {
        SaveSeqs();
        _tx!.Commit();
        _tx.Dispose();
        _tx = null;
        foreach (var (trader, seq) in _batchSeqs) _committedSeqs[trader] = seq;
        _batchSeqs.Clear();
    }

    public override void Rollback()
    {
        if (_tx is null) throw new InvalidOperationException("No transaction.");
        _batchSeqs.Clear();
        try { _tx.Rollback(); }
        finally { _tx.Dispose(); _tx = null; }
    }

    private SqliteCommand Prepare(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        SqliteSql.DeclareParameters(cmd);
        return cmd;
    }

    public override void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
        _connection.Dispose();
    }
}
