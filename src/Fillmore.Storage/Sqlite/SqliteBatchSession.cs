// SQLite's SQL for each step of writing a change (BatchSession), on the writer's own connection
// with prepared statements; the batch's transaction is BEGIN IMMEDIATE.
// Events are numbered in memory: this connection is the only writer of the file (one process per
// database, one writer thread), so each trader's last seq is read once and then kept. A batch's
// numbers become the known ones only when it commits, and trader_sequences is written once per
// trader per batch instead of once per event. The audit partitions' heads are kept the same way:
// read from audit_heads once, then known; a batch writes back the heads it moved, in its own
// transaction, and they become the known ones when it commits. No lock is needed (one writer).
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Data.Sqlite;

internal sealed partial class SqliteBatchSession : BatchSession
{
    private const int SqliteConstraint = 19;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _insertOrder, _updateOrder, _orderVersion, _addRecorded, _insertFill, _insertAudit,
        _lastSeq, _saveSeq, _insertEvent, _readHead, _saveHead, _upsertAccount, _guardAccount, _upsertPosition,
        _readRealised, _addDailyPnl, _upsertControl, _insertGhost, _updateGhost, _upsertProbe, _insertCheckpoint;
    private readonly SqliteStatement[] _all;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _committedSeqs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _batchSeqs = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AuditHead> _committedHeads = [];
    private IReadOnlyList<AuditHead> _batchHeads = [];
    private SqliteTransaction? _tx;

    public SqliteBatchSession(SqliteConnection connection, TimeProvider time, int partitions) : base(partitions)
    {
        _connection = connection;
        _time = time;
        _insertOrder = Prepare(SqliteSql.InsertOrder);
        _updateOrder = Prepare(SqliteSql.UpdateOrder);
        _orderVersion = Prepare("SELECT version FROM orders WHERE id = $id");
        _addRecorded = Prepare(OrderRow.AddRecorded(c => "$" + c));
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
        _readHead = Prepare("SELECT partition, seq, hash FROM audit_heads WHERE partition = $partition");
        _saveHead = Prepare("UPDATE audit_heads SET seq = $seq, hash = $hash WHERE partition = $partition");
        _upsertAccount = Prepare(SqliteSql.UpsertAccount);
        _guardAccount = Prepare("UPDATE accounts SET version = version + 1 "
            + "WHERE trader_id = $trader_id AND version = $expected_version");
        _upsertPosition = Prepare("""
            INSERT INTO positions (trader_id, symbol, quantity, average_cost, updated_at)
            VALUES ($trader_id, $symbol, $quantity, $average_cost, $updated_at)
            ON CONFLICT (trader_id, symbol) DO UPDATE
            SET quantity = excluded.quantity, average_cost = excluded.average_cost, updated_at = excluded.updated_at
            """);
        // Decimal text is added exactly in C# (SQLite's own arithmetic on TEXT would go through floating point).
        _readRealised =
            Prepare("SELECT realised FROM daily_pnl WHERE trader_id = $trader_id AND trading_day = $trading_day");
        _addDailyPnl = Prepare("""
            INSERT INTO daily_pnl (trader_id, trading_day, realised) VALUES ($trader_id, $trading_day, $realised)
            ON CONFLICT (trader_id, trading_day) DO UPDATE SET realised = $total
            """);
        _upsertControl = Prepare("""
            INSERT INTO trading_controls (key, value, updated_at) VALUES ($key, $value, $updated_at)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """);
        _insertGhost = Prepare(GhostRow.Insert(c => "$" + c));
        _updateGhost = Prepare(GhostRow.Update(c => "$" + c));
        _upsertProbe = Prepare("""
            INSERT INTO store_probes (node_id, probed_at) VALUES ($node_id, $probed_at)
            ON CONFLICT (node_id) DO UPDATE SET probed_at = excluded.probed_at
            """);
        _insertCheckpoint = Prepare(CheckpointRow.Insert(c => "$" + c));
        _all = [_insertOrder, _updateOrder, _orderVersion, _addRecorded, _insertFill, _insertAudit, _lastSeq, _saveSeq,
            _insertEvent, _readHead, _saveHead, _upsertAccount, _guardAccount, _upsertPosition, _readRealised,
            _addDailyPnl, _upsertControl, _insertGhost, _updateGhost, _upsertProbe, _insertCheckpoint];
    }

    protected override IReadOnlyList<AuditHead> BeginTransaction(IReadOnlyList<int> partitions)
    {
        _batchSeqs.Clear();
        _tx = _connection.BeginTransaction(deferred: false);
        return ReadHeads(partitions);
    }

    private List<AuditHead> ReadHeads(IReadOnlyList<int> partitions)
    {
        var heads = new List<AuditHead>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (!_committedHeads.TryGetValue(partition, out var head))
            {
                _readHead.Set("$partition", partition);
                head = _readHead.ReadFirst<AuditHead?>(row => new AuditHead(checked((int)row.Int64(0)), row.Int64(1),
                    row.Text(2)));
            }
            if (head is null) continue;
            _committedHeads[partition] = head;    // read before this batch wrote anything: the committed head
            heads.Add(head);
        }
        return heads;
    }

    protected override void InsertOrder(Order order, long recorded)
    {
        SqliteSql.BindOrder(_insertOrder, order);
        _insertOrder.Set("$" + OrderRow.RecordedQuantity, recorded);
        Execute(_insertOrder, CommitStatus.DuplicateOrderId);
    }

    protected override void UpdateOrder(Order order, long expectedVersion, long recorded)
    {
        SqliteSql.BindOrder(_updateOrder, order);
        _updateOrder.Set("$expected_version", expectedVersion);
        _updateOrder.Set("$" + OrderRow.RecordedAdded, recorded);
        if (_updateOrder.Execute() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void CheckOrderVersion(OrderId id, long expectedVersion, long recorded)
    {
        if (recorded > 0)
        {
            _addRecorded.Set("$id", id.ToString());
            _addRecorded.Set("$expected_version", expectedVersion);
            _addRecorded.Set("$" + OrderRow.RecordedAdded, recorded);
            if (_addRecorded.Execute() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
            return;
        }
        _orderVersion.Set("$id", id.ToString());
        if (_orderVersion.ReadFirst<long?>(row => row.Int64(0)) != expectedVersion)
            throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void WriteAccount(Account account)
    {
        SqliteSql.BindAccount(_upsertAccount, account, _time.GetUtcNow());
        if (_upsertAccount.Execute() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void GuardAccount(TraderId trader, long expectedVersion)
    {
        _guardAccount.Set("$trader_id", trader.Value);
        _guardAccount.Set("$expected_version", expectedVersion);
        if (_guardAccount.Execute() != 1) throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void WritePosition(TraderId trader, Position position)
    {
        _upsertPosition.Set("$trader_id", trader.Value);
        _upsertPosition.Set("$symbol", position.Symbol.Value);
        _upsertPosition.Set("$quantity", position.Quantity);
        _upsertPosition.Set("$average_cost", SqlText.Of(position.AverageCost));
        _upsertPosition.Set("$updated_at", SqlText.Of(_time.GetUtcNow()));
        _upsertPosition.Execute();
    }

    protected override void AddRealised(TraderId trader, DateOnly day, decimal delta)
    {
        var dayText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _readRealised.Set("$trader_id", trader.Value);
        _readRealised.Set("$trading_day", dayText);
        var realised = _readRealised.ReadFirst(row => SqlText.Decimal(row.Text(0)));
        _addDailyPnl.Set("$trader_id", trader.Value);
        _addDailyPnl.Set("$trading_day", dayText);
        _addDailyPnl.Set("$realised", SqlText.Of(delta));
        _addDailyPnl.Set("$total", SqlText.Of(delta + realised));
        _addDailyPnl.Execute();
    }

    protected override void WriteControl(ControlChange control)
    {
        _upsertControl.Set("$key", control.Key);
        _upsertControl.Set("$value", control.Value);
        _upsertControl.Set("$updated_at", SqlText.Of(_time.GetUtcNow()));
        _upsertControl.Execute();
    }

    protected override bool WriteGhost(Ghost ghost)
    {
        var statement = ghost.Version == 1 ? _insertGhost : _updateGhost;
        foreach (var (column, value) in GhostRow.Values(ghost)) statement.Set("$" + column, value);
        if (statement.Execute() == 1) return true;
        return ghost.Version == 1 ? false : throw new ChangeRefusedException(CommitStatus.VersionConflict);
    }

    protected override void InsertCheckpoint(AuditCheckpoint checkpoint)
    {
        foreach (var (column, value) in CheckpointRow.Values(checkpoint)) _insertCheckpoint.Set("$" + column, value);
        _insertCheckpoint.Execute();
    }

    protected override void WriteProbe(StoreProbe probe)
    {
        _upsertProbe.Set("$node_id", probe.NodeId);
        _upsertProbe.Set("$probed_at", SqlText.Of(probe.At));
        _upsertProbe.Execute();
    }

    protected override void InsertFill(Fill fill)
    {
        SqliteSql.BindFill(_insertFill, fill);
        Execute(_insertFill, CommitStatus.DuplicateFill);
    }

    protected override void InsertAudit(AuditEntry entry)
    {
        SqliteSql.BindAudit(_insertAudit, entry);
        _insertAudit.Execute();
    }

    protected override void AppendEvent(OrderEvent e, OrderEvent[] numberedEvents, int index)
    {
        var numbered = e with { Seq = LastSeq(e.TraderId.Value) + 1 };
        _batchSeqs[e.TraderId.Value] = numbered.Seq;
        _insertEvent.Set("$trader_id", e.TraderId.Value);
        _insertEvent.Set("$seq", numbered.Seq);
        _insertEvent.Set("$event_type", e.Type);
        _insertEvent.Set("$order_id", e.OrderId.ToString());
        _insertEvent.SetUtf8("$payload", OrderEventJson.Serialize(numbered));
        _insertEvent.Set("$recorded_at", SqlText.Of(e.RecordedAt));
        _insertEvent.Execute();
        numberedEvents[index] = numbered;
    }

    private long LastSeq(string trader)
    {
        if (_batchSeqs.TryGetValue(trader, out var seq) || _committedSeqs.TryGetValue(trader, out seq)) return seq;
        _lastSeq.Set("$trader_id", trader);
        return _lastSeq.ReadFirst(row => row.Int64(0));
    }

    private void SaveSeqs()
    {
        foreach (var (trader, seq) in _batchSeqs)
        {
            _saveSeq.Set("$trader_id", trader);
            _saveSeq.Set("$seq", seq);
            _saveSeq.Execute();
        }
    }

    private static void Execute(SqliteStatement statement, CommitStatus onUniqueViolation)
    {
        try { statement.Execute(); }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint
            && ex.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            var status = ex.Message.Contains("client_order_id", StringComparison.Ordinal)
                ? CommitStatus.DuplicateClientOrderId : onUniqueViolation;
            throw new ChangeRefusedException(status);
        }
    }

    private void SaveHeads()
    {
        _batchHeads = MovedHeads();
        foreach (var head in _batchHeads)
        {
            _saveHead.Set("$partition", head.Partition);
            _saveHead.Set("$seq", head.Seq);
            _saveHead.Set("$hash", head.Hash);
            _saveHead.Execute();
        }
    }

    public override void Commit()
    {
        SaveSeqs();
        SaveHeads();
        _tx!.Commit();
        _tx.Dispose();
        _tx = null;
        foreach (var (trader, seq) in _batchSeqs) _committedSeqs[trader] = seq;
        foreach (var head in _batchHeads) _committedHeads[head.Partition] = head;
        _batchSeqs.Clear();
        _batchHeads = [];
    }

    public override void Rollback()
    {
        if (_tx is null) throw new InvalidOperationException("No transaction.");
        _batchSeqs.Clear();
        _batchHeads = [];
        try { _tx.Rollback(); }
        finally { _tx.Dispose(); _tx = null; }
    }

    private SqliteStatement Prepare(string sql) => new(_connection, sql);

    public override void Dispose()
    {
        foreach (var statement in _all) statement.Dispose();
        _fix?.Dispose();
        _connection.Dispose();
    }
}
