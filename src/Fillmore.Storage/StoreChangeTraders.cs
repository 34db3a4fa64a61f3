// The traders whose rows a change writes, and so the audit partitions a batch must hold before it
// writes anything: every trader of an order change (its orders, linked orders, audit entries,
// events and ledger), of an account change, and of any change's audit entries. A change without
// any (a probe, a checkpoint, a FIX session write, an API key's last use) holds no partition.
// Holding a trader's partition serialises that trader's chain and event sequence across nodes (its
// order and account rows have their own row locks and version guards).
namespace Fillmore.Storage;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

internal static class StoreChangeTraders
{
    /// <summary>The distinct partitions of the traders <paramref name="changes"/> touch, ascending.</summary>
    /// <param name="partitionOf">A trader's partition (AuditPartitioner, with the store's count).</param>
    public static IReadOnlyList<int> PartitionsOf(IReadOnlyList<IStoreChange> changes, Func<string, int> partitionOf)
    {
        var found = new SortedSet<int>();
        foreach (var change in changes) Add(change, trader => found.Add(partitionOf(trader)));
        return [.. found];
    }

    private static void Add(IStoreChange change, Action<string> trader)
    {
        switch (change)
        {
            case OrderChange order:
                foreach (var one in order.All)
                {
                    trader(one.Order.TraderId.Value);
                    if (one.Ledger is { } ledger) trader(ledger.Account.TraderId.Value);
                    Audit(one.Audit, trader);
                    foreach (var e in one.Events) trader(e.TraderId.Value);
                }
                break;
            case AccountChange account:
                trader(account.Account.TraderId.Value);
                Audit(account.Audit, trader);
                break;
            case ControlChange control: Audit(control.Audit, trader); break;
            case AuditOnlyChange audit: Audit(audit.Audit, trader); break;
            case GhostChange ghost: Audit(ghost.Audit, trader); break;
            case ApiKeyChange keys: Audit(keys.Audit, trader); break;
            case ApiKeySecrets secrets: Audit(secrets.Audit, trader); break;
            case DataKeyChange dataKeys: Audit(dataKeys.Audit, trader); break;
        }
    }

    private static void Audit(IReadOnlyList<AuditRecord> records, Action<string> trader)
    {
        foreach (var record in records) trader(record.TraderId.Value);
    }
}
