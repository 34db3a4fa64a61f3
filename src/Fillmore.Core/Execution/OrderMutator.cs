// The one way to change an existing order: enter the owner's gate, re-read the order from the
// store, let the caller decide the change, commit it. Deciding on a fresh read inside the gate
// means no two changes to one order are ever derived from the same version on this node. Every
// commit also goes to the LedgerBook, which follows committed changes only, and to the lifecycle
// log (OrderLifecycleLog), which names what was committed.
// The order this node last committed is kept in memory (open orders, and the most recently closed
// ones), with its fills, and read from there instead of the store, which was the hot path's
// largest cost. Closed orders are kept because the venue's report stream often repeats, moments
// after the order closed, a fill its answer already stated; deciding that duplicate took two store
// reads per market order. On a store no other node writes, the copy IS the stored order. With
// other nodes on the store, every write of an order (another node's change, or its claim of our
// orders after our lease lapsed) raises the stored version, so in the gate the copy is used only
// while the stored version is still the copy's: one small read (IWorkLeases.VersionOfAsync)
// instead of the order's row and its fills. A refused or failed commit drops the order from
// memory, so the next change reads the store again; so does falling out of the recently closed
// ones.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using Fillmore.Core.Accounts;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public sealed class OrderMutator(IOrderStore store, TraderLocks locks, LedgerBook ledgers, IWorkLeases leases,
    ILogger<OrderMutator> log, int recentlyClosedKept = OrderMutator.RecentlyClosedKept)
{
    /// <summary>How many closed orders stay in memory: seconds of a busy node's closures, a few MiB.</summary>
    public const int RecentlyClosedKept = 4_096;

    private readonly ConcurrentDictionary<OrderId, Order> _known = new();
    private readonly ConcurrentDictionary<OrderId, IReadOnlyList<Fill>> _fills = new();
    private readonly ConcurrentQueue<OrderId> _closed = new();
    private readonly ConcurrentDictionary<OrderId, OrderId[]> _childIds = new();

    /// <summary>
    /// Runs <paramref name="decide"/> on the current order inside its trader's gate and commits the
    /// change it returns (null: nothing to write). Returns the order as it is afterwards (null when
    /// no such order exists) with what the decision answered.
    /// </summary>
    public Task<Mutation<T>> MutateAsync<T>(OrderId id, Func<Order, ValueTask<Decided<T>>> decide,
        CancellationToken ct = default) =>
        MutateAsync(id, ownerOnly: false, decide, ct);

    /// <summary>
    /// As MutateAsync, for the work only the order's owner does (its sends, its venue reports): on a shared store an
    /// order another node owns is left to that node (<see cref="Mutation{T}.Elsewhere"/>), decided in the gate. A
    /// remembered copy found to be the stored version proves ownership without asking the store: this node wrote
    /// that version, and an order's last writer owns it (another node's claim raises the version too).
    /// </summary>
    public Task<Mutation<T>> MutateOwnedAsync<T>(OrderId id, Func<Order, ValueTask<Decided<T>>> decide,
        CancellationToken ct = default) =>
        MutateAsync(id, ownerOnly: true, decide, ct);

    private async Task<Mutation<T>> MutateAsync<T>(OrderId id, bool ownerOnly,
        Func<Order, ValueTask<Decided<T>>> decide, CancellationToken ct)
    {
        // The trader of an order never changes: a remembered copy names the gate as well as a fresh read.
        var peek = _known.TryGetValue(id, out var remembered) ? remembered
            : await store.GetOrderAsync(id, ct).ConfigureAwait(false);
        if (peek is null) return default;
        using var gate = await locks.EnterAsync(peek.TraderId, ct).ConfigureAwait(false);
        var (current, provenOwn) = await CurrentAsync(id, ct).ConfigureAwait(false);
        current ??= peek;
        if (ownerOnly && leases.Shared && !provenOwn && !await leases.OwnsAsync(id, ct).ConfigureAwait(false))
            return new Mutation<T>(current, default!) { Elsewhere = true };
        var decided = await decide(current).ConfigureAwait(false);
        if (decided.Change is null) return new Mutation<T>(current, decided.Result);
        await CommitAsync(decided.Change, current, ct).ConfigureAwait(false);
        return new Mutation<T>(decided.Change.Order, decided.Result);
    }

    public Task<Mutation<T>> MutateAsync<T>(OrderId id, Func<Order, Decided<T>> decide,
        CancellationToken ct = default) =>
        MutateAsync(id, o => ValueTask.FromResult(decide(o)), ct);

    /// <summary>Commits what a decider decided; the decision comes back as the result.</summary>
    public Task<Mutation<Decision>> MutateAsync(OrderId id, Func<Order, Decision> decide,
        CancellationToken ct = default) =>
        MutateAsync(id, o => ValueTask.FromResult(decide(o).AsDecided()), ct);

    /// <summary>The order as stored (from memory while it is open or lately closed and still the stored version).
    /// Outside the gate it is a hint: MutateAsync decides on a fresh copy.</summary>
    public async ValueTask<Order?> ReadAsync(OrderId id, CancellationToken ct = default) =>
        (await CurrentAsync(id, ct).ConfigureAwait(false)).Order;

    // Inside the gate: the remembered order is the stored one unless another node has written it since. FromMemory:
    // it was, so this node wrote the stored version.
    private async ValueTask<(Order? Order, bool FromMemory)> CurrentAsync(OrderId id, CancellationToken ct)
    {
        if (_known.TryGetValue(id, out var remembered)
            && (!leases.Shared || await leases.VersionOfAsync(id, ct).ConfigureAwait(false) == remembered.Version))
            return (remembered, true);
        if (remembered is not null) Drop(id);
        return (await store.GetOrderAsync(id, ct).ConfigureAwait(false), false);
    }

    /// <summary>
    /// In the trader's gate: <paramref name="member"/> (as current) with the rest of its family, each
    /// as stored now. The ids of an order's children never change, so they are read from the store
    /// once and remembered.
    /// </summary>
    public async ValueTask<Family> FamilyOfAsync(Order member, CancellationToken ct = default)
    {
        var parent = member.ParentOrderId is { } parentId
            ? await ReadAsync(parentId, ct).ConfigureAwait(false) ?? member : member;
        if (!(parent.Spec.HasExits || parent.IsRoutedParent)) return new Family(parent, []);
        // A SMART order gains a child when an IOC remainder is re-routed, possibly on another node: read every time.
        if (parent.IsRoutedParent || !_childIds.TryGetValue(parent.Id, out var ids))
            _childIds[parent.Id] = ids = [.. await store.ListChildIdsAsync(parent.Id, ct).ConfigureAwait(false)];
        var children = new List<Order>(ids.Length);
        foreach (var id in ids)
            if (id == member.Id) children.Add(member);
            else if (await ReadAsync(id, ct).ConfigureAwait(false) is { } child) children.Add(child);
        return new Family(parent, children);
    }

    /// <summary>The fills recorded for the order. Call inside its trader's gate, after deciding on the order's current
    /// copy: remembered fills belong to the remembered order, which that read found to be the stored version.</summary>
    public async ValueTask<IReadOnlyList<Fill>> FillsOfAsync(OrderId id, CancellationToken ct = default)
    {
        if (_fills.TryGetValue(id, out var known)) return known;
        var fills = await store.GetFillsAsync(id, ct).ConfigureAwait(false);
        if (_known.ContainsKey(id)) _fills[id] = fills;
        return fills;
    }

    /// <summary>Commits a change decided inside the gate and tells the ledgers; a refusal drops the trader's cached
    /// ledger.</summary>
    public ValueTask<CommitResult> TryCommitAsync(IStoreChange change, TraderId trader,
        CancellationToken ct = default) =>
        TryCommitAsync(change, trader, null, ct);

    private async ValueTask<CommitResult> TryCommitAsync(IStoreChange change, TraderId trader, Order? before,
        CancellationToken ct)
    {
        CommitResult result;
        try
        {
            result = await store.CommitAsync(change, ct).ConfigureAwait(false);
        }
        catch
        {
            Forget(change, trader);
            throw;
        }
        if (!result.Ok)
        {
            Forget(change, trader);
            return result;
        }
        if (change is not OrderChange order)
        {
            ledgers.Committed(change);
            return result;
        }
        foreach (var one in order.All)
        {
            Remember(one);
            ledgers.Committed(one);
            OrderLifecycleLog.Committed(log, before?.Id == one.Order.Id ? before : null, one);
        }
        if (order.IsInsert && order.Linked.Count > 0)
            _childIds[order.Order.Id] = [.. order.Linked.Where(l => l.Order.ParentOrderId == order.Order.Id)
                .Select(l => l.Order.Id)];
        // A child created later (an IOC remainder re-routed) joins the family it was created in.
        foreach (var born in order.Linked.Where(l => l.IsInsert && !order.IsInsert))
            if (born.Order.ParentOrderId is { } parent && _childIds.TryGetValue(parent, out var known))
                _childIds[parent] = [.. known, born.Order.Id];
        return result;
    }

    private void Remember(OrderChange change)
    {
        var order = change.Order;
        _known[order.Id] = order;
        if (change.IsInsert) _fills[order.Id] = change.Fills;
        else if (change.Fills.Count > 0 && _fills.TryGetValue(order.Id, out var before))
            _fills[order.Id] = [.. before, .. change.Fills];
        if (order.Status.IsTerminal()) RememberClosed(order.Id);
    }

    // The oldest closed orders are let go. One reopened since (a FAILED order retried) stays; one
    // dropped while it was being changed is only read from the store next time.
    private void RememberClosed(OrderId id)
    {
        _closed.Enqueue(id);
        while (_closed.Count > recentlyClosedKept && _closed.TryDequeue(out var oldest))
            if (_known.TryGetValue(oldest, out var order) && order.Status.IsTerminal()) Drop(oldest);
    }

    /// <summary>Forgets every remembered order. After this node's lease lapsed, other nodes may have claimed its open
    /// orders: their copies would fail the version check anyway, but would otherwise stay in memory for good.</summary>
    public void ForgetAll()
    {
        _known.Clear();
        _fills.Clear();
    }

    private void Drop(OrderId id)
    {
        _known.TryRemove(id, out _);
        _fills.TryRemove(id, out _);
    }

    // After a refusal or a failure the stored state is not known here: read it again next time.
    private void Forget(IStoreChange change, TraderId trader)
    {
        if (change is OrderChange order) foreach (var one in order.All) Drop(one.Order.Id);
        ledgers.Invalidate(trader);
    }

    /// <summary>As TryCommitAsync, but anything other than success is an exception.</summary>
    public ValueTask<CommitResult> CommitAsync(OrderChange change, CancellationToken ct = default) =>
        CommitAsync(change, null, ct);

    private async ValueTask<CommitResult> CommitAsync(OrderChange change, Order? before, CancellationToken ct)
    {
        var result = await TryCommitAsync(change, change.Order.TraderId, before, ct).ConfigureAwait(false);
        return result.Ok ? result : throw new StoreConflictException(change.Order.Id, result.Status);
    }
}
