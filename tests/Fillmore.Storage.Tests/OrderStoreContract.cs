// The abstract contract every store must pass (one subclass per provider, like Wolverine's
// MessageStoreCompliance). It talks only through IOrderStore, except where the contract is about
// the database itself refusing something, which goes through raw SQL of the provider.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public abstract class OrderStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    protected RecordingPublisher Published { get; } = new();
    protected IOrderStore Store { get; private set; } = null!;

    /// <summary>Opens the store on a fresh (or, with reopen, the same) database.</summary>
    protected abstract Task<IOrderStore> OpenAsync(bool reopen);
    protected abstract Task CloseAsync(IOrderStore store);
    /// <summary>Runs one statement directly against the database, bypassing the store.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    public async Task InitializeAsync() => Store = await OpenAsync(reopen: false);
    public Task DisposeAsync() => CloseAsync(Store);

    protected static Order NewOrder(string trader = "alice", string? clientOrderId = null, string symbol = "AAPL", long quantity = 10) =>
        Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId(trader), clientOrderId,
            new OrderSpec(Symbol.Of(symbol), Side.Buy, quantity, OrderType.Limit, 150.25m, null, TimeInForce.Gtc, 140m, 170m),
            "SIM", ExecutionPath.V2, T0);

    protected static OrderChange Created(Order o) => OrderChange.NewOrder(o)
        .Audited(AuditRecord.Of(o, AuditAction.Submitted, Actor.Trader, T0))
        .Emitting(OrderEvent.Of(o, OrderEventType.Accepted, T0));

    protected static OrderChange Acknowledged(Order o)
    {
        var after = o.Apply(OrderTrigger.VenueAccepted, T0.AddSeconds(1))!;
        return OrderChange.Of(o, after).Audited(AuditRecord.Of(after, AuditAction.Acknowledged, Actor.System, T0.AddSeconds(1)))
            .Emitting(OrderEvent.Of(after, OrderEventType.Submitted, T0.AddSeconds(1)));
    }

    [Fact]
    public async Task A_committed_order_reads_back_exactly()
    {
        var order = NewOrder(clientOrderId: "bot-1");
        var result = await Store.CommitAsync(Created(order));
        Assert.Equal(CommitStatus.Committed, result.Status);
        Assert.Equal(order, await Store.GetOrderAsync(order.Id));
        Assert.Equal(order, await Store.FindByClientOrderIdAsync(order.TraderId, "bot-1"));
        Assert.Null(await Store.FindByClientOrderIdAsync(new TraderId("bob"), "bot-1"));
        Assert.Equal(1, Assert.Single(result.Events).Seq);
    }

    [Fact]
    public async Task Creating_the_same_order_twice_is_refused_and_writes_nothing()
    {
        var order = NewOrder(clientOrderId: "dup");
        await Store.CommitAsync(Created(order));
        Assert.Equal(CommitStatus.DuplicateOrderId, (await Store.CommitAsync(Created(order with { ClientOrderId = null }))).Status);
        Assert.Equal(CommitStatus.DuplicateClientOrderId, (await Store.CommitAsync(Created(NewOrder(clientOrderId: "dup")))).Status);
        Assert.Equal(CommitStatus.Committed, (await Store.CommitAsync(Created(NewOrder(trader: "bob", clientOrderId: "dup")))).Status);
        Assert.Single(await Store.GetAuditTrailAsync(order.Id));
        Assert.Single(await Store.GetEventsAsync(order.TraderId, 0, 100));
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_refused_and_writes_nothing()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        Assert.True((await Store.CommitAsync(Acknowledged(order))).Ok);
        var stale = Acknowledged(order);                    // derived from version 1 again
        Assert.Equal(CommitStatus.VersionConflict, (await Store.CommitAsync(stale)).Status);
        var appendOnlyStale = OrderChange.Of(order, order).Audited(AuditRecord.Of(order, AuditAction.Executed, Actor.System, T0));
        Assert.Equal(CommitStatus.VersionConflict, (await Store.CommitAsync(appendOnlyStale)).Status);
        Assert.Equal(2, (await Store.GetOrderAsync(order.Id))!.Version);
        Assert.Equal(2, (await Store.GetAuditTrailAsync(order.Id)).Count);
        Assert.Equal([1L, 2L], (await Store.GetEventsAsync(order.TraderId, 0, 100)).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_venue_execution_is_recorded_once()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var acked = Acknowledged(order);
        await Store.CommitAsync(acked);
        var fill = new Fill(Guid.NewGuid(), order.Id, order.TraderId, "SIM-E1", 4, 150m, "SIM", 1m, T0.AddSeconds(2));
        var partial = acked.Order.ApplyFill(4, 150m, T0.AddSeconds(2))!;
        Assert.True((await Store.CommitAsync(OrderChange.Of(acked.Order, partial).WithFill(fill))).Ok);
        var again = partial.ApplyFill(8, 150m, T0.AddSeconds(3))!;
        var duplicate = OrderChange.Of(partial, again).WithFill(fill with { Id = Guid.NewGuid() });
        Assert.Equal(CommitStatus.DuplicateFill, (await Store.CommitAsync(duplicate)).Status);
        Assert.Equal(fill, Assert.Single(await Store.GetFillsAsync(order.Id)));
        Assert.Equal(4, (await Store.GetOrderAsync(order.Id))!.FilledQuantity);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        await Store.CommitAsync(Created(NewOrder()));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE execution_log SET reason = 'edited'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM execution_log"));
        var entry = Assert.Single(await Store.GetAuditTrailAsync((await Store.ListOpenOrdersAsync())[0].Id));
        Assert.Null(entry.Record.Reason);
    }

    [Fact]
    public async Task Per_trader_event_sequences_have_no_gaps_under_concurrent_writers()
    {
        string[] traders = ["alice", "bob", "carol"];
        var writers = Enumerable.Range(0, 12).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var order = NewOrder(trader: traders[(w + i) % traders.Length]);
                Assert.True((await Store.CommitAsync(Created(order))).Ok);
                // Every fourth change is refused (stale): it must not consume a sequence number.
                if (i % 4 == 0) await Store.CommitAsync(OrderChange.Of(order with { Version = 5 }, order with { Version = 6 })
                    .Emitting(OrderEvent.Of(order, OrderEventType.Submitted, T0)));
                await Store.CommitAsync(Acknowledged(order));
            }
        })).ToList();
        await Task.WhenAll(writers);
        var total = 0;
        foreach (var trader in traders)
        {
            var events = await Store.GetEventsAsync(new TraderId(trader), 0, 10_000);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
            total += events.Count;
        }
        Assert.Equal(12 * 25 * 2, total);
        var published = Published.Events.GroupBy(e => e.TraderId).ToList();
        Assert.All(published, g => Assert.Equal(g.Select(e => e.Seq).Order(), g.Select(e => e.Seq)));
    }

    [Fact]
    public async Task Events_read_back_as_they_were_published()
    {
        var order = NewOrder(clientOrderId: "ev-1");
        await Store.CommitAsync(Created(order));
        await Store.CommitAsync(Acknowledged(order));
        var stored = await Store.GetEventsAsync(order.TraderId, 0, 10);
        Assert.Equal(Published.Events, stored);
        Assert.Equal([2L], (await Store.GetEventsAsync(order.TraderId, 1, 10)).Select(e => e.Seq));
        Assert.Equal([OrderEventType.Accepted, OrderEventType.Submitted], stored.Select(e => e.Type));
    }

    [Fact]
    public async Task The_audit_chain_links_every_entry_to_the_one_before()
    {
        for (var i = 0; i < 5; i++)
        {
            var order = NewOrder();
            await Store.CommitAsync(Created(order));
            await Store.CommitAsync(Acknowledged(order));
        }
        var entries = (await Task.WhenAll((await Store.ListOrdersAsync(new OrderQuery(null, null, null, 100, 0))).Orders
            .Select(o => Store.GetAuditTrailAsync(o.Id)))).SelectMany(e => e).OrderBy(e => e.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), entries.Select(e => e.Id));
        var previous = AuditChain.GenesisHash;
        foreach (var e in entries)
        {
            Assert.Equal(previous, e.PreviousHash);
            Assert.Equal(AuditChain.ComputeHash(e.Id, e.Record, previous), e.Hash);
            previous = e.Hash;
        }
    }

    [Fact]
    public async Task Orders_list_newest_first_with_filters_and_a_total()
    {
        var a1 = NewOrder(symbol: "AAPL");
        var m1 = NewOrder(symbol: "MSFT");
        var a2 = NewOrder(symbol: "AAPL");
        foreach (var o in new[] { a1, m1, a2 }) await Store.CommitAsync(Created(o));
        await Store.CommitAsync(Created(NewOrder(trader: "bob")));
        await Store.CommitAsync(Acknowledged(m1));

        var all = await Store.ListOrdersAsync(new OrderQuery(new TraderId("alice"), null, null, 2, 0));
        Assert.Equal(3, all.Total);
        Assert.Equal([a2.Id, m1.Id], all.Orders.Select(o => o.Id));
        var apple = await Store.ListOrdersAsync(new OrderQuery(new TraderId("alice"), null, Symbol.Of("AAPL"), 10, 1));
        Assert.Equal((2L, a1.Id), (apple.Total, Assert.Single(apple.Orders).Id));
        var pending = await Store.ListOrdersAsync(new OrderQuery(new TraderId("alice"), OrderStatus.Pending, null, 10, 0));
        Assert.Equal(m1.Id, Assert.Single(pending.Orders).Id);
        Assert.Equal(4, (await Store.ListOrdersAsync(new OrderQuery(null, null, null, 10, 0))).Total);
    }

    [Fact]
    public async Task Open_orders_exclude_terminal_ones()
    {
        var open = NewOrder();
        var done = NewOrder();
        await Store.CommitAsync(Created(open));
        await Store.CommitAsync(Created(done));
        var rejected = done.Apply(OrderTrigger.VenueRejected, T0, "no")!;
        await Store.CommitAsync(OrderChange.Of(done, rejected));
        Assert.Equal([open.Id], (await Store.ListOpenOrdersAsync()).Select(o => o.Id));
    }

    [Fact]
    public async Task A_fill_updates_account_position_and_daily_pnl_in_the_same_commit()
    {
        var trader = new TraderId("alice");
        var limits = new RiskLimits(100, 10_000m, 5_000m, 10, 500m, false);
        Assert.True((await Store.CommitAsync(new AccountChange(new Account(trader, 1_000m, limits, false, 1)))).Ok);
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var day = new DateOnly(2026, 11, 24);
        var filled = order.ApplyFill(10, 150.25m, T0)!;
        var update = new LedgerUpdate(new Account(trader, -503.50m, limits, false, 2), new Position(Symbol.Of("AAPL"), 10, 150.25m), day, -1.00m);
        Assert.True((await Store.CommitAsync(OrderChange.Of(order, filled) with { Ledger = update })).Ok);

        var snapshot = await Store.LoadLedgerAsync(trader, day);
        Assert.Equal(update.Account, snapshot.Account);
        Assert.Equal(update.Position, Assert.Single(snapshot.Positions));
        Assert.Equal(-1.00m, snapshot.RealisedToday);
        Assert.Empty(snapshot.OpenOrders);
        Assert.Equal(0m, (await Store.LoadLedgerAsync(trader, day.AddDays(1))).RealisedToday);

        // A stale account version refuses the whole change: no order update, no position.
        var again = NewOrder();
        await Store.CommitAsync(Created(again));
        var stale = new LedgerUpdate(new Account(trader, 0m, limits, false, 2), new Position(Symbol.Of("AAPL"), 99, 1m), day, -5m);
        Assert.Equal(CommitStatus.VersionConflict, (await Store.CommitAsync(OrderChange.Of(again, again.ApplyFill(1, 1m, T0)!) with { Ledger = stale })).Status);
        Assert.Equal(0, (await Store.GetOrderAsync(again.Id))!.FilledQuantity);
        Assert.Equal(10, Assert.Single((await Store.LoadLedgerAsync(trader, day)).Positions).Quantity);
        Assert.Equal([again.Id], (await Store.LoadLedgerAsync(trader, day)).OpenOrders.Select(o => o.Id));
    }

    [Fact]
    public async Task Controls_are_stored_and_overwritten()
    {
        Assert.Null(await Store.GetControlAsync("trading_halt"));
        await Store.CommitAsync(new ControlChange("trading_halt", "outage"));
        Assert.Equal("outage", await Store.GetControlAsync("trading_halt"));
        await Store.CommitAsync(new ControlChange("trading_halt", null));
        Assert.Null(await Store.GetControlAsync("trading_halt"));
    }

    [Fact]
    public async Task Everything_survives_a_restart_and_the_chain_continues()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        await CloseAsync(Store);
        Store = await OpenAsync(reopen: true);
        Assert.Equal(order, await Store.GetOrderAsync(order.Id));
        await Store.CommitAsync(Acknowledged(order));
        var trail = await Store.GetAuditTrailAsync(order.Id);
        Assert.Equal(trail[0].Hash, trail[1].PreviousHash);
        Assert.Equal([1L, 2L], (await Store.GetEventsAsync(order.TraderId, 0, 10)).Select(e => e.Seq));
    }
}

public sealed class RecordingPublisher : IEventPublisher
{
    private readonly List<OrderEvent> _events = [];

    public IReadOnlyList<OrderEvent> Events { get { lock (_events) return _events.ToList(); } }

    public void Publish(IReadOnlyList<OrderEvent> committed)
    {
        lock (_events) _events.AddRange(committed);
    }
}
