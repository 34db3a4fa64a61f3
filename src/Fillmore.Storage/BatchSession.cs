// What a change means to the database, once for every provider: the order row (insert, update
// guarded by its version, or a check that an append-only change was derived from the current
// version), the account guard of a risk decision, the ledger, the fills, the audit entries
// (each SHA-256 chained within its trader's partition, from the partition's head read when the
// transaction began) and the events (numbered per trader). The providers (SqliteBatchSession,
// PostgresBatchSession) supply each step's SQL.
// A batch names its changes up front (Begin), so the session knows the partitions of every trader
// they touch. SQLite (one writer) reads their heads at once and chains each entry as it is
// applied. A provider that shares the store with other writers (PostgreSQL, SealsChainsAtCommit)
// writes the rows first and leaves the entries and events pending; at commit it locks those
// partitions' heads in ascending order, reads the traders' last event numbers, and only then
// chains the entries (SealChains) and numbers the events, so a partition is held for the end of
// the transaction only, and two writers that need the same partitions take them in the same
// order (no deadlock).
// Any step throws ChangeRefusedException when the change must not be written.
namespace Fillmore.Storage;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

internal abstract class BatchSession(int partitions) : IBatchSession
{
    // The heads of the partitions this transaction holds, and which of them it moved.
    private readonly Dictionary<int, AuditHead> _heads = [];
    private readonly HashSet<int> _moved = [];
    // Entries waiting for their partition's head (SealsChainsAtCommit), in the order they were applied.
    private readonly List<(int Partition, AuditRecord Record)> _pending = [];

    // A trader's partition, remembered: a SHA-256 per entry is measurable on a path run several times per order.
    private readonly Dictionary<string, int> _partitionOf = new(StringComparer.Ordinal);

    private int PartitionOf(string trader)
    {
        if (!_partitionOf.TryGetValue(trader, out var partition))
            _partitionOf[trader] = partition = AuditPartitioner.Of(trader, Partitions);
        return partition;
    }

    /// <summary>The partitions of the traders the batch's changes touch, ascending.</summary>
    protected IReadOnlyList<int> Needed { get; private set; } = [];

    /// <summary>How many entries wait for SealChains.</summary>
    protected int PendingEntries => _pending.Count;

    /// <summary>The orders the pending entries are about (the nil id for those about no order).</summary>
    protected IEnumerable<string> PendingOrderIds => _pending.Select(p => p.Record.OrderId.ToString()).Distinct();

    /// <summary>Whether entries are chained at commit (SealChains) instead of as they are applied.</summary>
    protected virtual bool SealsChainsAtCommit => false;

    /// <summary>The store's partition count (audit_heads, fixed at first use).</summary>
    protected int Partitions { get; } = partitions;

    public void Begin(IReadOnlyList<IStoreChange> changes)
    {
        _heads.Clear();
        _moved.Clear();
        _pending.Clear();
        Needed = StoreChangeTraders.PartitionsOf(changes, PartitionOf);
        var taken = BeginTransaction(SealsChainsAtCommit ? [] : Needed);
        if (!SealsChainsAtCommit) Take(taken, Needed);
    }

    private void Take(IReadOnlyList<AuditHead> heads, IReadOnlyList<int> needed)
    {
        foreach (var head in heads) _heads[head.Partition] = head;
        if (_heads.Count != needed.Count)
            throw new InvalidOperationException($"audit_heads lacks partitions among {string.Join(", ", needed)}: "
                + "the store was not opened with its partition count.");
    }

    /// <summary>Chains the pending entries from <paramref name="heads"/> (the Needed partitions' heads, taken by the
    /// caller) and hands each to InsertAudit, in the order they were applied.</summary>
    protected void SealChains(IReadOnlyList<AuditHead> heads)
    {
        Take(heads, Needed);
        foreach (var (partition, record) in _pending) Chain(partition, record);
        _pending.Clear();
    }

    /// <summary>The heads this transaction moved, in partition order (to write back before it commits).</summary>
    protected IReadOnlyList<AuditHead> MovedHeads() => _moved.Order().Select(p => _heads[p]).ToList();

    public IReadOnlyList<OrderEvent> Apply(IStoreChange change)
    {
        switch (change)
        {
            case OrderChange order: return ApplyOrderChange(order);
            case AccountChange account:
                WriteAccount(account.Account);
                foreach (var record in account.Audit) AppendAudit(record);
                return [];
            case ControlChange control:
                WriteControl(control);
                foreach (var record in control.Audit) AppendAudit(record);
                return [];
            case AuditOnlyChange audit:
                foreach (var record in audit.Audit) AppendAudit(record);
                return [];
            case GhostChange ghost:
                if (WriteGhost(ghost.Ghost))
                    foreach (var record in ghost.Audit) AppendAudit(record);
                return [];
            case FixSessionWrite fix: ApplyFixSession(fix); return [];
            case StoreProbe probe: WriteProbe(probe); return [];
            case CheckpointChange checkpoint: InsertCheckpoint(checkpoint.Checkpoint); return [];
            case ApiKeyChange keys:
                foreach (var key in keys.Keys) WriteApiKey(key);
                foreach (var record in keys.Audit) AppendAudit(record);
                return [];
            case ApiKeySecrets secrets:
                foreach (var key in secrets.Keys) WriteApiKeySecrets(key);
                foreach (var record in secrets.Audit) AppendAudit(record);
                return [];
            case DataKeyChange dataKeys:
                foreach (var key in dataKeys.Keys) WriteDataKey(key);
                foreach (var record in dataKeys.Audit) AppendAudit(record);
                return [];
            case ApiKeyUse use:
                foreach (var (prefix, at) in use.LastUsed) TouchApiKey(prefix, at);
                return [];
            default: throw new ArgumentException($"Unknown change {change.GetType().Name}", nameof(change));
        }
    }

    // One array for the events of the change and its linked ones: a provider may number them only at commit
    // (AppendEvent), and the committer reads them after it.
    private OrderEvent[] ApplyOrderChange(OrderChange change)
    {
        var all = change.Linked.Count > 0 ? change.All.Select(c => c with { Linked = [] }).ToList() : [change];
        var numbered = new OrderEvent[all.Sum(c => c.Events.Count)];
        var at = 0;
        foreach (var one in all) at = ApplyOneOrder(one, numbered, at);
        return numbered;
    }

    private int ApplyOneOrder(OrderChange change, OrderEvent[] numbered, int at)
    {
        var recorded = RecordedBy(change);
        if (change.IsInsert) InsertOrder(change.Order, recorded);
        else if (change.UpdatesOrder) UpdateOrder(change.Order, change.ExpectedVersion, recorded);
        // Append-only change (e.g. a late acknowledgement, or fills whose quantity the venue's totals had already
        // counted): still derived from a version that must be current.
        else CheckOrderVersion(change.Order.Id, change.ExpectedVersion, recorded);
        if (change.AccountGuard is { } guard) GuardAccount(change.Order.TraderId, guard);
        if (change.Ledger is { } ledger) WriteLedger(ledger);
        foreach (var fill in change.Fills) InsertFill(fill);
        foreach (var record in change.Audit) AppendAudit(record);
        foreach (var e in change.Events) AppendEvent(e, numbered, at++);
        return at;
    }

    // What the change's fills add to its order's recorded quantity (OrderRow.RecordedQuantity). A fill of another
    // order would leave both orders' sums wrong, so it refuses the batch (a bug in the decider that made it).
    private static long RecordedBy(OrderChange change) =>
        change.Fills.Sum(f => f.OrderId == change.Order.Id ? f.Quantity
            : throw new InvalidOperationException($"Fill {f.ExecutionId} is for order {f.OrderId}, not for the "
                + $"change's order {change.Order.Id}."));

    private void WriteLedger(LedgerUpdate update)
    {
        WriteAccount(update.Account);
        if (update.Position is { } position) WritePosition(update.Account.TraderId, position);
        if (update.RealisedDelta != 0) AddRealised(update.Account.TraderId, update.TradingDay, update.RealisedDelta);
    }

    private void AppendAudit(AuditRecord record)
    {
        var partition = PartitionOf(record.TraderId.Value);
        if (SealsChainsAtCommit) _pending.Add((partition, record));
        else Chain(partition, record);
    }

    private void Chain(int partition, AuditRecord record)
    {
        // The heads taken are every partition the batch's changes name; a record outside them is a bug in
        // StoreChangeTraders.
        if (!_heads.TryGetValue(partition, out var head))
            throw new InvalidOperationException($"Partition {partition} (trader {record.TraderId.Value}) was not "
                + "taken when the batch began.");
        var seq = checked(head.Seq + 1);
        var hash = AuditChain.ComputePartitionHash(partition, seq, record, head.Hash);
        InsertAudit(new AuditEntry(0, record, head.Hash, hash, partition, seq));
        _heads[partition] = new AuditHead(partition, seq, hash);
        _moved.Add(partition);
    }

    /// <summary>Starts the batch's transaction and takes the heads of <paramref name="partitions"/> (ascending, maybe
    /// none) for it: on PostgreSQL locked until it ends, in that order.</summary>
    protected abstract IReadOnlyList<AuditHead> BeginTransaction(IReadOnlyList<int> partitions);

    /// <summary>Inserts the order with <paramref name="recorded"/> as the quantity of its stored fills.</summary>
    /// <exception cref="ChangeRefusedException">DuplicateOrderId or DuplicateClientOrderId.</exception>
    protected abstract void InsertOrder(Order order, long recorded);

    /// <summary>Updates the order and adds <paramref name="recorded"/> to the quantity of its stored fills.</summary>
    /// <exception cref="ChangeRefusedException">VersionConflict when the row is no longer at
    /// <paramref name="expectedVersion"/>.</exception>
    protected abstract void UpdateOrder(Order order, long expectedVersion, long recorded);

    /// <summary>Checks the order's version and adds <paramref name="recorded"/> (maybe 0) to the quantity of its
    /// stored fills.</summary>
    /// <exception cref="ChangeRefusedException">VersionConflict when the stored order is not at
    /// <paramref name="expectedVersion"/> (or there is no such order); the provider may check at commit.</exception>
    protected abstract void CheckOrderVersion(OrderId id, long expectedVersion, long recorded);

    /// <summary>Bumps the account's version by one if it is still <paramref name="expectedVersion"/>; VersionConflict
    /// otherwise.</summary>
    protected abstract void GuardAccount(TraderId trader, long expectedVersion);

    /// <summary>Creates or replaces the account if the stored one is at the version before it; VersionConflict
    /// otherwise.</summary>
    protected abstract void WriteAccount(Account account);

    protected abstract void WritePosition(TraderId trader, Position position);

    /// <summary>Adds <paramref name="delta"/> exactly to the trader's realised P&L of <paramref name="day"/>.</summary>
    protected abstract void AddRealised(TraderId trader, DateOnly day, decimal delta);

    protected abstract void WriteControl(ControlChange control);

    /// <summary>Inserts a ghost at version 1, or replaces the stored one at the version before.</summary>
    /// <returns>false when a ghost at version 1 is stored already (reported before; nothing is written).</returns>
    /// <exception cref="ChangeRefusedException">VersionConflict when the stored ghost is not at the version
    /// before.</exception>
    protected abstract bool WriteGhost(Ghost ghost);

    /// <summary>Appends a signed audit checkpoint (audit_checkpoints numbers it).</summary>
    protected abstract void InsertCheckpoint(AuditCheckpoint checkpoint);

    /// <summary>The health probe's row: this node's, overwritten with the time.</summary>
    protected abstract void WriteProbe(StoreProbe probe);

    /// <summary>Creates the key, or replaces every column of it but its last use.</summary>
    protected abstract void WriteApiKey(ApiKeyRecord key);

    /// <summary>Writes the key's KeySha256 and Label columns only.</summary>
    protected abstract void WriteApiKeySecrets(ApiKeyRecord key);

    /// <summary>Creates the data key, or replaces its wrapping.</summary>
    protected abstract void WriteDataKey(DataKeyRecord key);

    /// <summary>Moves the key's last use forward to <paramref name="at"/> (never back).</summary>
    protected abstract void TouchApiKey(string prefix, DateTimeOffset at);

    /// <summary>A FIX session store write (fix_* tables only; see FixSessionWrite).</summary>
    protected abstract void ApplyFixSession(FixSessionWrite write);

    /// <exception cref="ChangeRefusedException">DuplicateFill when the venue execution is recorded already.</exception>
    protected abstract void InsertFill(Fill fill);

    /// <summary>Appends the entry; its Id is 0: the store gives it the next id.</summary>
    protected abstract void InsertAudit(AuditEntry entry);

    /// <summary>Numbers the event (the trader's next seq, in this transaction), stores it, and puts the numbered
    /// event at <paramref name="numbered"/>[<paramref name="index"/>], now or (SealsChainsAtCommit) at
    /// commit.</summary>
    protected abstract void AppendEvent(OrderEvent e, OrderEvent[] numbered, int index);

    public abstract void Commit();

    public abstract void Rollback();

    public abstract void Dispose();
}
