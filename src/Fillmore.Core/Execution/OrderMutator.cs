// The one way to change an existing order: enter the owner's gate, re-read the order from the
// store, let the caller decide the change, commit it. Deciding on a fresh read inside the gate
// means no two changes to one order are ever derived from the same version on this node. Every
// commit also goes to the LedgerBook, which follows committed changes only, and to the lifecycle
// log (OrderLifecycleLog), which names what was committed.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public sealed class OrderMutator(IOrderStore store, TraderLocks locks, LedgerBook ledgers, ILogger<OrderMutator> log)
{
    /// <summary>
    /// Runs <paramref name="decide"/> on the current order inside its trader's gate and commits
    /// what it returns (null: nothing to write). Returns the order as it is afterwards, or null
    /// when no such order exists.
    /// </summary>
    public async Task<Order?> MutateAsync(OrderId id, Func<Order, ValueTask<OrderChange?>> decide, CancellationToken ct = default)
    {
        var peek = await store.GetOrderAsync(id, ct).ConfigureAwait(false);
        if (peek is null) return null;
        using var gate = await locks.EnterAsync(peek.TraderId, ct).ConfigureAwait(false);
        var current = await store.GetOrderAsync(id, ct).ConfigureAwait(false) ?? peek;
        var change = await decide(current).ConfigureAwait(false);
        if (change is null) return current;
        await CommitAsync(change, current, ct).ConfigureAwait(false);
        return change.Order;
    }

    public Task<Order?> MutateAsync(OrderId id, Func<Order, OrderChange?> decide, CancellationToken ct = default) =>
        MutateAsync(id, o => ValueTask.FromResult(decide(o)), ct);

    /// <summary>Commits a change decided inside the gate and tells the ledgers; a refusal drops the trader's cached ledger.</summary>
    public ValueTask<CommitResult> TryCommitAsync(IStoreChange change, TraderId trader, CancellationToken ct = default) =>
        TryCommitAsync(change, trader, null, ct);

    private async ValueTask<CommitResult> TryCommitAsync(IStoreChange change, TraderId trader, Order? before, CancellationToken ct)
    {
        CommitResult result;
        try
        {
            result = await store.CommitAsync(change, ct).ConfigureAwait(false);
        }
        catch
        {
            ledgers.Invalidate(trader);
            throw;
        }
        if (!result.Ok)
        {
            ledgers.Invalidate(trader);
            return result;
        }
        ledgers.Committed(change);
        if (change is OrderChange order) OrderLifecycleLog.Committed(log, before, order);
        return result;
    }

    /// <summary>As TryCommitAsync, but anything other than success is an exception.</summary>
    public ValueTask<CommitResult> CommitAsync(OrderChange change, CancellationToken ct = default) => CommitAsync(change, null, ct);

    private async ValueTask<CommitResult> CommitAsync(OrderChange change, Order? before, CancellationToken ct)
    {
        var result = await TryCommitAsync(change, change.Order.TraderId, before, ct).ConfigureAwait(false);
        return result.Ok ? result : throw new StoreConflictException(change.Order.Id, result.Status);
    }
}
