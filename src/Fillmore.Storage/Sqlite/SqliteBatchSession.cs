// Writes changes on the writer's own connection with prepared statements. Per change: the order
// row (insert, or update guarded by its version), its fills, its audit entries (chained by
// SHA-256 from the current head), and its events (numbered from trader_sequences).
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Data.Sqlite;

internal sealed class SqliteBatchSession : IBatchSession
{
    private const int SqliteConstraint = 19;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertOrder, _updateOrder, _orderVersion, _insertFill, _insertAudit, _nextSeq, _insertEvent, _chainHead,
        _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl;
    private readonly SqliteCommand[] _all;
    private readonly TimeProvider _time;
    private SqliteTransaction? _tx;
    private long _headId;
    private string _headHash = AuditChain.GenesisHash;

    public SqliteBatchSession(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _insertOrder = Prepare(SqliteSql.InsertOrder);
        _updateOrder = Prepare(SqliteSql.UpdateOrder);
        _orderVersion = Prepare("SELECT version FROM orders WHERE id = $id");
        _insertFill = Prepare(SqliteSql.InsertFill);
        _insertAudit = Prepare(SqliteSql.InsertAudit);
        _nextSeq = Prepare("""
            INSERT INTO trader_sequences (trader_id, last_seq) VALUES ($trader_id, 1)
            ON CONFLICT (trader_id) DO UPDATE SET last_seq = last_seq + 1
            RETURNING last_seq
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
        _all = [_insertOrder, _updateOrder, _orderVersion, _insertFill, _insertAudit, _nextSeq, _insertEvent, _chainHead,
            _upsertAccount, _guardAccount, _upsertPosition, _addDailyPnl, _upsertControl];
    }

    public void Begin()
    {
        _tx = _connection.BeginTransaction(deferred: false);
        foreach (var cmd in _all) cmd.Transaction = _tx;
        using var reader = _chainHead.ExecuteReader();
        (_headId, _headHash) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, AuditChain.GenesisHash);
    }

    public IReadOnlyList<OrderEvent> Apply(IStoreChange change)
    {
        switch (change)
        {
            case OrderChange order: return ApplyOrderChange(order);
            case AccountChange account: WriteAccount(account.Account); return [];
            case ControlChange control: WriteControl(control); return [];
            case AuditOnlyChange audit:
                foreach (var record in audit.Audit) AppendAudit(record);
                return [];
            default: throw new ArgumentException($"Unknown change {change.GetType().Name}", nameof(change));
        }
    }

    private IReadOnlyList<OrderEvent> ApplyOrderChange(OrderChange change)
    {
        WriteOrder(change);
        if (change.AccountGuard is { } guard) GuardAccount(change.Order.TraderId, guard);
        if (change.Ledger is { } ledger) WriteLedger(ledger);
        foreach (var fill in change.Fills)
        {
            SqliteSql.BindFill(_insertFill, fill);
            Execute(_insertFill, CommitStatus.DuplicateFill);
        }
        foreach (var record in change.Audit) AppendAudit(record);
        if (change.Events.Count == 0) return [];
        var numbered = new OrderEvent[change.Events.Count];
        for (var i = 0; i < numbered.Length; i++) numbered[i] = AppendEvent(change.Events[i]);
        return numbered;
    }

    private void WriteOrder(OrderChange change)
    {
        if (change.IsInsert)
        {
            SqliteSql.BindOrder(_insertOrder, change.Order);
            Execute(_insertOrder, CommitStatus.DuplicateOrderId);
        }
        else if (change.UpdatesOrder)
        {
            SqliteSql.BindOrder(_updateOrder, change.Order);
            _updateOrder.Parameters["$expected_version"].Value = change.ExpectedVersion;
            if (_updateOrder.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
        }
        else
        {
            // Append-only change (e.g. a late acknowledgement): still derived from a version that must be current.
            _orderVersion.Parameters["$id"].Value = change.Order.Id.ToString();
            if (_orderVersion.ExecuteScalar() is not long version || version != change.ExpectedVersion)
                throw new ChangeRefusedException(CommitStatus.VersionConflict);
        }
    }

    private void WriteAccount(Account account)
    {
        SqliteSql.BindAccount(_upsertAccount, account, _time.GetUtcNow());
        if (_upsertAccount.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    private void GuardAccount(TraderId trader, long expectedVersion)
    {
        _guardAccount.Parameters["$trader_id"].Value = trader.Value;
        _guardAccount.Parameters["$expected_version"].Value = expectedVersion;
        if (_guardAccount.ExecuteNonQuery() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    private void WriteLedger(LedgerUpdate update)
    {
        WriteAccount(update.Account);
        var now = SqlText.Of(_time.GetUtcNow());
        if (update.Position is { } p)
        {
            var pp = _upsertPosition.Parameters;
            pp["$trader_id"].Value = update.Account.TraderId.Value;
            pp["$symbol"].Value = p.Symbol.Value;
            pp["$quantity"].Value = p.Quantity;
            pp["$average_cost"].Value = SqlText.Of(p.AverageCost);
            pp["$updated_at"].Value = now;
            _upsertPosition.ExecuteNonQuery();
        }
        if (update.RealisedDelta == 0) return;
        var day = update.TradingDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var total = update.RealisedDelta + ReadRealised(update.Account.TraderId.Value, day);
        var dp = _addDailyPnl.Parameters;
        dp["$trader_id"].Value = update.Account.TraderId.Value;
        dp["$trading_day"].Value = day;
        dp["$realised"].Value = SqlText.Of(update.RealisedDelta);
        dp["$total"].Value = SqlText.Of(total);
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

    private void WriteControl(ControlChange control)
    {
        var p = _upsertControl.Parameters;
        p["$key"].Value = control.Key;
        p["$value"].Value = (object?)control.Value ?? DBNull.Value;
        p["$updated_at"].Value = SqlText.Of(_time.GetUtcNow());
        _upsertControl.ExecuteNonQuery();
    }

    private void AppendAudit(AuditRecord record)
    {
        var id = _headId + 1;
        var hash = AuditChain.ComputeHash(id, record, _headHash);
        SqliteSql.BindAudit(_insertAudit, id, record, _headHash, hash);
        _insertAudit.ExecuteNonQuery();
        (_headId, _headHash) = (id, hash);
    }

    private OrderEvent AppendEvent(OrderEvent e)
    {
        _nextSeq.Parameters["$trader_id"].Value = e.TraderId.Value;
        var numbered = e with { Seq = (long)_nextSeq.ExecuteScalar()! };
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

    private static void Execute(SqliteCommand cmd, CommitStatus onUniqueViolation)
    {
        try { cmd.ExecuteNonQuery(); }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint && ex.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            var status = ex.Message.Contains("client_order_id", StringComparison.Ordinal) ? CommitStatus.DuplicateClientOrderId : onUniqueViolation;
            throw new ChangeRefusedException(status);
        }
    }

    public void Commit()
    {
        _tx!.Commit();
        _tx.Dispose();
        _tx = null;
    }

    public void Rollback()
    {
        if (_tx is null) throw new InvalidOperationException("No transaction.");
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

    public void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
        _connection.Dispose();
    }
}
