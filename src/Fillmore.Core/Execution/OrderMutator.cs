// The one way to change an existing order: enter the owner's gate, re-read the order from the
// store, let the caller decide the change, commit it. Deciding on a fresh read inside the gate
// means no two changes to one order are ever derived from the same version on this node.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class OrderMutator(IOrderStore store, TraderLocks locks)
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
        await CommitAsync(change, ct).ConfigureAwait(false);
        return change.Order;
    }

    public Task<Order?> MutateAsync(OrderId id, Func<Order, OrderChange?> decide, CancellationToken ct = default) =>
        MutateAsync(id, o => ValueTask.FromResult(decide(o)), ct);

    /// <summary>Commits a change decided inside the gate; anything but success is an exception.</summary>
    public async ValueTask<CommitResult> CommitAsync(OrderChange change, CancellationToken ct = default)
    {
        var result = await store.CommitAsync(change, ct).ConfigureAwait(false);
        return result.Ok ? result : throw new StoreConflictException(change.Order.Id, result.Status);
    }
}
