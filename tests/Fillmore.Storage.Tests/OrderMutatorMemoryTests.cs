// The mutator keeps open and lately closed orders (and their fills) in memory, and must never decide from a stale
// copy: a refused commit sends the next change back to the store, and with other nodes on the store a copy is used
// only while the stored version is still its own. Real SQLite store; reads and version probes are counted.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

public sealed class OrderMutatorMemoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-mutator-").FullName;
    private SqliteOrderStore _sqlite = null!;
    private CountingStore _store = null!;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = Path.Combine(_dir, "m.db") }, new RecordingPublisher(), TimeProvider.System);
        _store = new CountingStore(_sqlite);
    }

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private Leases _leases = null!;

    private OrderMutator Mutator(bool shared, int recentlyClosedKept = OrderMutator.RecentlyClosedKept) =>
        new(_store, new TraderLocks(), new LedgerBook(_store, TradingCalendar.NewYork, TimeProvider.System),
            _leases = new Leases(_sqlite, shared), NullLogger<OrderMutator>.Instance, recentlyClosedKept);

    private static Order NewOrder() => Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
        new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10, OrderType.Limit, 150m, null, TimeInForce.Gtc, null, null), "SIM", ExecutionPath.V2, T0);

    private static Func<Order, Decision> Decide(Func<Order, OrderChange> change) => o => new Decision.Commit(change(o));

    private static OrderChange Acknowledge(Order o) =>
        OrderChange.Of(o, o.On(OrderTrigger.VenueAccepted, T0.AddSeconds(1)).Order).Audited(AuditRecord.Of(o, AuditAction.Acknowledged, Actor.System, T0));

    [Fact]
    public async Task Alone_on_its_store_it_changes_an_open_order_without_reading_it_again()
    {
        var mutator = Mutator(shared: false);
        var order = NewOrder();
        Assert.True((await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId)).Ok);
        _store.Reads = 0;
        var after = (await mutator.MutateAsync(order.Id, Decide(Acknowledge))).Order;
        Assert.Equal(OrderStatus.Pending, after!.Status);
        Assert.Empty(await mutator.FillsOfAsync(order.Id));
        Assert.Equal(0, _store.Reads);
        Assert.Equal(after, await _sqlite.GetOrderAsync(order.Id));   // memory and store agree
    }

    private static OrderChange FillAll(Order pending)
    {
        var filled = pending.OnFill(pending.Spec.Quantity, 150m, T0.AddSeconds(2)).Order;
        var fill = new Fill(Guid.NewGuid(), pending.Id, pending.TraderId, $"x-{Guid.NewGuid():N}", pending.Spec.Quantity, 150m, "SIM", 0m, T0.AddSeconds(2));
        return OrderChange.Of(pending, filled).WithFill(fill).Audited(AuditRecord.Of(filled, AuditAction.Filled, Actor.System, T0));
    }

    private async Task<Order> FilledOrderAsync(OrderMutator mutator)
    {
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        await mutator.MutateAsync(order.Id, Decide(Acknowledge));
        return (await mutator.MutateAsync(order.Id, Decide(FillAll))).Order!;
    }

    // The venue's stream repeats a fill its answer stated after the order closed: deciding that
    // duplicate must not cost two store reads per order.
    [Fact]
    public async Task An_order_closed_moments_ago_is_decided_from_memory_with_its_fills()
    {
        var mutator = Mutator(shared: false);
        var filled = await FilledOrderAsync(mutator);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        _store.Reads = 0;
        var seen = (await mutator.MutateAsync(filled.Id, _ => Decision.Nothing)).Order;
        var fills = await mutator.FillsOfAsync(filled.Id);
        Assert.Equal(0, _store.Reads);
        Assert.Equal(await _sqlite.GetOrderAsync(filled.Id), seen);              // memory and store agree
        Assert.Equal(await _sqlite.GetFillsAsync(filled.Id), fills);
    }

    [Fact]
    public async Task The_oldest_closed_orders_are_let_go_and_read_from_the_store_again()
    {
        var mutator = Mutator(shared: false, recentlyClosedKept: 1);
        var first = await FilledOrderAsync(mutator);
        var second = await FilledOrderAsync(mutator);
        _store.Reads = 0;
        Assert.Equal(second, await mutator.ReadAsync(second.Id));
        Assert.Equal(0, _store.Reads);
        Assert.Equal(first, await mutator.ReadAsync(first.Id));                  // correct, from the store
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task After_a_refused_commit_the_next_change_decides_from_the_store()
    {
        var mutator = Mutator(shared: false);
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        var elsewhere = Acknowledge(order);
        Assert.True((await _sqlite.CommitAsync(elsewhere)).Ok);          // written behind the mutator's back
        await Assert.ThrowsAsync<StoreConflictException>(() => mutator.MutateAsync(order.Id, Decide(Acknowledge)));   // decided from memory: refused
        var seen = (await mutator.MutateAsync(order.Id, _ => Decision.Nothing)).Order;
        Assert.Equal(elsewhere.Order, seen);                                 // the store's version, not the stale copy
    }

    [Fact]
    public async Task With_other_nodes_on_the_store_a_change_by_another_node_is_read_from_the_store()
    {
        var mutator = Mutator(shared: true);
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        var elsewhere = Acknowledge(order);
        Assert.True((await _sqlite.CommitAsync(elsewhere)).Ok);               // another node's write
        _store.Reads = 0;
        var seen = (await mutator.MutateAsync(order.Id, _ => Decision.Nothing)).Order;
        Assert.Equal(elsewhere.Order, seen);                                   // not the remembered copy
        Assert.Equal(1, _store.Reads);
        var filled = (await mutator.MutateAsync(order.Id, Decide(FillAll))).Order;   // decided on the fresh copy
        Assert.Equal(OrderStatus.Filled, filled!.Status);
    }

    [Fact]
    public async Task With_other_nodes_on_the_store_an_order_no_one_else_wrote_costs_only_a_version_read()
    {
        var mutator = Mutator(shared: true);
        var filled = await FilledOrderAsync(mutator);
        _store.Reads = 0;
        _leases.Probes = 0;
        var seen = (await mutator.MutateAsync(filled.Id, _ => Decision.Nothing)).Order;
        var fills = await mutator.FillsOfAsync(filled.Id);
        Assert.Equal(0, _store.Reads);
        Assert.Equal(1, _leases.Probes);
        Assert.Equal(await _sqlite.GetOrderAsync(filled.Id), seen);              // memory and store agree
        Assert.Equal(await _sqlite.GetFillsAsync(filled.Id), fills);
    }

    [Fact]
    public async Task With_other_nodes_on_the_store_a_fill_another_node_recorded_is_seen()
    {
        var mutator = Mutator(shared: true);
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        var acknowledged = (await mutator.MutateAsync(order.Id, Decide(Acknowledge))).Order!;
        Assert.Empty(await mutator.FillsOfAsync(acknowledged.Id));               // remembered: no fills
        var elsewhere = FillAll(acknowledged);
        Assert.True((await _sqlite.CommitAsync(elsewhere)).Ok);                // another node records the fill
        var seen = (await mutator.MutateAsync(order.Id, _ => Decision.Nothing)).Order;
        Assert.Equal(OrderStatus.Filled, seen!.Status);
        Assert.Equal(elsewhere.Fills, await mutator.FillsOfAsync(order.Id));
    }

    private static Func<Order, ValueTask<Decided<bool>>> Noting(Action decided) =>
        _ => { decided(); return ValueTask.FromResult(new Decided<bool>(null, true)); };

    [Fact]
    public async Task Owner_only_work_on_an_order_this_node_wrote_last_needs_no_ownership_read()
    {
        var mutator = Mutator(shared: true);
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        _leases.Probes = 0;
        var decided = false;
        var done = await mutator.MutateOwnedAsync(order.Id, Noting(() => decided = true));
        Assert.True(decided);
        Assert.False(done.Elsewhere);
        Assert.Equal((1, 0), (_leases.Probes, _leases.OwnershipReads));   // the version proves it
    }

    [Fact]
    public async Task Owner_only_work_on_an_order_another_node_wrote_since_is_left_to_that_node()
    {
        var mutator = Mutator(shared: true);
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        Assert.True((await _sqlite.CommitAsync(Acknowledge(order))).Ok);   // another node's write: it owns the order now
        _leases.Owned = false;
        var decided = false;
        var done = await mutator.MutateOwnedAsync(order.Id, Noting(() => decided = true));
        Assert.True(done.Elsewhere);
        Assert.False(decided);
        Assert.Equal(1, _leases.OwnershipReads);
    }

    [Fact]
    public async Task After_this_node_lost_its_lease_nothing_remembered_proves_ownership()
    {
        var mutator = Mutator(shared: true);
        var order = NewOrder();
        await mutator.TryCommitAsync(OrderChange.NewOrder(order), order.TraderId);
        mutator.ForgetAll();
        _store.Reads = 0;
        await mutator.MutateOwnedAsync(order.Id, Noting(() => { }));
        Assert.Equal(1, _leases.OwnershipReads);
        Assert.Equal(2, _store.Reads);                                         // the gate's peek, then the current copy
    }

    [Fact]
    public async Task Owner_only_work_on_an_order_not_remembered_asks_the_store_who_owns_it()
    {
        var order = NewOrder();
        Assert.True((await _sqlite.CommitAsync(OrderChange.NewOrder(order))).Ok);
        var mutator = Mutator(shared: true);
        var decided = false;
        var done = await mutator.MutateOwnedAsync(order.Id, Noting(() => decided = true));
        Assert.True(decided);
        Assert.False(done.Elsewhere);
        Assert.Equal(1, _leases.OwnershipReads);
        var alone = Mutator(shared: false);                                       // one node owns everything: never asks
        Assert.False((await alone.MutateOwnedAsync(order.Id, Noting(() => { }))).Elsewhere);
        Assert.Equal(0, _leases.OwnershipReads);
    }

    // The leases of a node on a shared store (or alone on it): the version and ownership reads are counted.
    private sealed class Leases(IOrderStore store, bool shared) : IWorkLeases
    {
        private readonly SingleNodeLeases _single = new(store);
        public int Probes;
        public int OwnershipReads;
        public bool Owned = true;
        public string NodeId => "test";
        public bool Shared => shared;
        public Task<bool> RenewAsync(CancellationToken ct = default) => Task.FromResult(true);
        public Task<IReadOnlyList<OrderId>> ClaimOrphansAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<OrderId>>([]);
        public Task<IReadOnlyList<OrderId>> ListOwnedWorkAsync(CancellationToken ct = default) => _single.ListOwnedWorkAsync(ct);
        public Task<bool> OwnsAsync(OrderId id, CancellationToken ct = default)
        {
            Interlocked.Increment(ref OwnershipReads);
            return Task.FromResult(Owned);
        }
        public Task ReleaseAsync(CancellationToken ct = default) => Task.CompletedTask;
        public Task<long?> VersionOfAsync(OrderId id, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Probes);
            return _single.VersionOfAsync(id, ct);
        }
    }

    // The real store, with its order and fill reads counted.
    private sealed class CountingStore(IOrderStore inner) : IOrderStore
    {
        public int Reads;
        public ValueTask<CommitResult> CommitAsync(IStoreChange change, CancellationToken ct = default) => inner.CommitAsync(change, ct);
        public Task<Order?> GetOrderAsync(OrderId id, CancellationToken ct = default) { Interlocked.Increment(ref Reads); return inner.GetOrderAsync(id, ct); }
        public Task<IReadOnlyList<Fill>> GetFillsAsync(OrderId id, CancellationToken ct = default) { Interlocked.Increment(ref Reads); return inner.GetFillsAsync(id, ct); }
        public Task<Order?> FindByClientOrderIdAsync(TraderId trader, string clientOrderId, CancellationToken ct = default) => inner.FindByClientOrderIdAsync(trader, clientOrderId, ct);
        public Task<OrderPage> ListOrdersAsync(OrderQuery query, CancellationToken ct = default) => inner.ListOrdersAsync(query, ct);
        public Task<IReadOnlyList<Order>> ListOpenOrdersAsync(CancellationToken ct = default) => inner.ListOpenOrdersAsync(ct);
        public Task<IReadOnlyList<OrderId>> ListOrdersMissingFillsAsync(CancellationToken ct = default) => inner.ListOrdersMissingFillsAsync(ct);
        public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OrderId id, CancellationToken ct = default) => inner.GetAuditTrailAsync(id, ct);
        public Task<IReadOnlyList<AuditRow>> ReadAuditChainAsync(long afterId, int limit, CancellationToken ct = default) => inner.ReadAuditChainAsync(afterId, limit, ct);
        public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct = default) => inner.ListAuditAsync(query, ct);
        public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(ExecutionQuery query, CancellationToken ct = default) => inner.ListExecutionsAsync(query, ct);
        public Task<ExecutionMetrics> MeasureAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) => inner.MeasureAsync(from, to, ct);
        public Task<IReadOnlyList<OrderEvent>> GetEventsAsync(TraderId trader, long afterSeq, int limit, CancellationToken ct = default) => inner.GetEventsAsync(trader, afterSeq, limit, ct);
        public Task<LedgerSnapshot> LoadLedgerAsync(TraderId trader, DateOnly tradingDay, CancellationToken ct = default) => inner.LoadLedgerAsync(trader, tradingDay, ct);
        public Task<Account?> GetAccountAsync(TraderId trader, CancellationToken ct = default) => inner.GetAccountAsync(trader, ct);
        public Task<string?> GetControlAsync(string key, CancellationToken ct = default) => inner.GetControlAsync(key, ct);
        public Task<IReadOnlyList<Ghost>> ListGhostsAsync(bool? open = null, CancellationToken ct = default) => inner.ListGhostsAsync(open, ct);
        public Task<Ghost?> GetGhostAsync(OrderId id, CancellationToken ct = default) => inner.GetGhostAsync(id, ct);
        public Task<IReadOnlyList<OrderId>> ListOrdersInDoubtAsync(CancellationToken ct = default) => inner.ListOrdersInDoubtAsync(ct);
        public Task<IReadOnlyList<OrderId>> ListChildIdsAsync(OrderId parent, CancellationToken ct = default) => inner.ListChildIdsAsync(parent, ct);
    }
}
