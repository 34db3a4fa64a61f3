// The abstract contract every store must pass (one subclass per provider, like Wolverine's
// MessageStoreCompliance). It talks only through IOrderStore, except where the contract is about
// the database itself refusing something, which goes through raw SQL of the provider.
// Its tests are [StoreFact]s: a subclass that needs a server it was not given reports them skipped.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public abstract partial class OrderStoreContract : IAsyncLifetime
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
    public virtual Task DisposeAsync() => CloseAsync(Store);

    protected static Order NewOrder(string trader = "alice", string? clientOrderId = null, string symbol = "AAPL", long quantity = 10) =>
        Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId(trader), clientOrderId,
            new OrderSpec(Symbol.Of(symbol), Side.Buy, quantity, OrderType.Limit, 150.25m, null, TimeInForce.Gtc, 140m, 170m),
            "SIM", ExecutionPath.V2, T0);

    protected static OrderChange Created(Order o) => OrderChange.NewOrder(o)
        .Audited(AuditRecord.Of(o, AuditAction.Submitted, Actor.Trader, T0))
        .Emitting(OrderEvent.Of(o, OrderEventType.Accepted, T0));

    protected static OrderChange Acknowledged(Order o)
    {
        var after = o.On(OrderTrigger.VenueAccepted, T0.AddSeconds(1)).Order;
        return OrderChange.Of(o, after).Audited(AuditRecord.Of(after, AuditAction.Acknowledged, Actor.System, T0.AddSeconds(1)))
            .Emitting(OrderEvent.Of(after, OrderEventType.Submitted, T0.AddSeconds(1)));
    }

    [StoreFact]
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

    [StoreFact]
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

    [StoreFact]
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

    [StoreFact]
    public async Task A_venue_execution_is_recorded_once()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var acked = Acknowledged(order);
        await Store.CommitAsync(acked);
        var fill = new Fill(Guid.NewGuid(), order.Id, order.TraderId, "SIM-E1", 4, 150m, "SIM", 1m, T0.AddSeconds(2));
        var partial = acked.Order.OnFill(4, 150m, T0.AddSeconds(2)).Order;
        Assert.True((await Store.CommitAsync(OrderChange.Of(acked.Order, partial).WithFill(fill))).Ok);
        var again = partial.OnFill(8, 150m, T0.AddSeconds(3)).Order;
        var duplicate = OrderChange.Of(partial, again).WithFill(fill with { Id = Guid.NewGuid() });
        Assert.Equal(CommitStatus.DuplicateFill, (await Store.CommitAsync(duplicate)).Status);
        Assert.Equal(fill, Assert.Single(await Store.GetFillsAsync(order.Id)));
        Assert.Equal(4, (await Store.GetOrderAsync(order.Id))!.FilledQuantity);
    }

    [StoreFact]
    public async Task An_order_short_of_its_fills_is_listed_until_they_are_recorded()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var acked = Acknowledged(order);
        await Store.CommitAsync(acked);
        Assert.Empty(await Store.ListOrdersMissingFillsAsync());
        // The venue's totals say 6 filled; only the first execution (4) came with them.
        var first = new Fill(Guid.NewGuid(), order.Id, order.TraderId, "SIM-S1", 4, 150m, "SIM", 1m, T0.AddSeconds(2));
        var partial = acked.Order.OnFill(6, 150m, T0.AddSeconds(2)).Order;
        Assert.True((await Store.CommitAsync(OrderChange.Of(acked.Order, partial).WithFill(first))).Ok);
        Assert.Equal([order.Id], await Store.ListOrdersMissingFillsAsync());

        // The missing execution, recorded without moving the order (its totals counted it already); one from a
        // stale version is refused whole.
        var second = first with { Id = Guid.NewGuid(), ExecutionId = "SIM-S2", Quantity = 2 };
        var stale = OrderChange.Of(acked.Order, acked.Order).WithFill(second);
        Assert.Equal(CommitStatus.VersionConflict, (await Store.CommitAsync(stale)).Status);
        Assert.Equal([order.Id], await Store.ListOrdersMissingFillsAsync());
        Assert.True((await Store.CommitAsync(OrderChange.Of(partial, partial).WithFill(second))).Ok);
        Assert.Empty(await Store.ListOrdersMissingFillsAsync());
        Assert.Equal(partial.Version, (await Store.GetOrderAsync(order.Id))!.Version);

        // Totals and executions arriving together keep it off the list; totals ahead of them put it back.
        var third = first with { Id = Guid.NewGuid(), ExecutionId = "SIM-S3", Quantity = 3 };
        var nine = partial.OnFill(9, 150m, T0.AddSeconds(3)).Order;
        Assert.True((await Store.CommitAsync(OrderChange.Of(partial, nine).WithFill(third))).Ok);
        Assert.Empty(await Store.ListOrdersMissingFillsAsync());
        var filled = nine.OnFill(10, 150m, T0.AddSeconds(4)).Order;
        Assert.True((await Store.CommitAsync(OrderChange.Of(nine, filled))).Ok);
        Assert.Equal([order.Id], await Store.ListOrdersMissingFillsAsync());
        Assert.Equal(9, (await Store.GetFillsAsync(order.Id)).Sum(f => f.Quantity));
    }

    // A SMART parent's filled quantity is the sum of its parts' fills, which are stored under the parts: it has
    // none of its own, and is never short of them (else every split order would be reconciled on every pass, for
    // ever).
    [StoreFact]
    public async Task An_order_SMART_split_is_never_short_of_fills_of_its_own()
    {
        var parent = Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10, OrderType.Market, null, null, TimeInForce.Day, null, null),
            Order.SmartVenue, ExecutionPath.V2, T0);
        Assert.True(parent.IsRoutedParent);
        await Store.CommitAsync(Created(parent));
        var acked = Acknowledged(parent);
        await Store.CommitAsync(acked);
        var filled = acked.Order.OnFill(10, 150m, T0.AddSeconds(2)).Order;
        Assert.True((await Store.CommitAsync(OrderChange.Of(acked.Order, filled))).Ok);
        Assert.Empty(await Store.ListOrdersMissingFillsAsync());
    }

    [StoreFact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        await Store.CommitAsync(Created(NewOrder()));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE execution_log SET reason = 'edited'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM execution_log"));
        var entry = Assert.Single(await Store.GetAuditTrailAsync((await Store.ListOpenOrdersAsync())[0].Id));
        Assert.Null(entry.Record.Reason);
    }

    [StoreFact]
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
                if (i % 4 == 0) await Store.CommitAsync(OrderChange.Of(order.Restored(order.Progress with { Version = 5 }), order.Restored(order.Progress with { Version = 6 }))
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

    [StoreFact]
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

    [StoreFact]
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
        // One trader: one partition's chain, numbered 1..10 in it and starting from the (empty) legacy head.
        var (partition, previous, seq) = (AuditPartitioner.Of("alice", 16), AuditChain.GenesisHash, 0L);
        foreach (var e in entries)
        {
            Assert.Equal((partition, ++seq, previous), (e.Partition, e.PartitionSeq, e.PreviousHash));
            Assert.Equal(AuditChain.ComputePartitionHash(partition, seq, e.Record, previous), e.Hash);
            previous = e.Hash;
        }
    }

    [StoreFact]
    public async Task Every_partition_chain_stays_gap_free_under_concurrent_writers_and_heads_follow_it()
    {
        var traders = Enumerable.Range(0, 40).Select(i => $"trader-{i}").ToArray();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var order = NewOrder(trader: traders[(w * 7 + i) % traders.Length]);
                Assert.True((await Store.CommitAsync(Created(order))).Ok);
                Assert.True((await Store.CommitAsync(Acknowledged(order))).Ok);
            }
        })));
        var rows = await Store.ReadAuditChainAsync(0, 10_000);
        Assert.Equal(8 * 20 * 2, rows.Count);
        foreach (var chain in rows.GroupBy(r => r.Partition!.Value))
        {
            Assert.All(chain, r => Assert.Equal(chain.Key, AuditPartitioner.Of(r.Entry!.Record.TraderId, 16)));
            // Read in id order, each partition's sequence counts 1, 2, 3, ...: ids grow with it.
            Assert.Equal(Enumerable.Range(1, chain.Count()).Select(i => (long)i), chain.Select(r => r.PartitionSeq!.Value));
        }
        var verdict = await AuditTrailCheck.RunAsync(Store.ReadAuditChainAsync, pageSize: 7, partitions: 16);
        Assert.Equal((true, 320L), (verdict.Valid, verdict.Entries));
        var heads = await ((IAuditCheckpointStore)Store).ReadAuditHeadsAsync();
        Assert.Equal(rows.GroupBy(r => r.Partition!.Value).OrderBy(g => g.Key).Select(g => new AuditHead(g.Key, g.Count(), g.Last().Entry!.Hash)),
            heads.Written);
        Assert.Equal(verdict.HeadHash, heads.HeadsHash);
    }

    [StoreFact]
    public async Task The_whole_chain_reads_back_in_id_pages_and_verifies()
    {
        for (var i = 0; i < 12; i++)
        {
            var order = NewOrder(trader: i % 2 == 0 ? "alice" : "bob");
            await Store.CommitAsync(Created(order));
            await Store.CommitAsync(Acknowledged(order));
        }
        var first = await Store.ReadAuditChainAsync(0, 10);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), first.Select(r => r.Id));
        Assert.All(first, r => Assert.Null(r.Damage));
        Assert.Equal([21L, 22L, 23L, 24L], (await Store.ReadAuditChainAsync(20, 10)).Select(r => r.Id));
        Assert.Empty(await Store.ReadAuditChainAsync(24, 10));
        var verdict = await AuditTrailCheck.RunAsync(Store.ReadAuditChainAsync, pageSize: 5, partitions: 16);
        Assert.Equal((true, 24L, 24L), (verdict.Valid, verdict.Entries, verdict.HeadId));
        Assert.Equal(first[^1].Entry!.Hash, (await Store.ReadAuditChainAsync(9, 1))[0].Entry!.Hash);
    }

    [StoreFact]
    public async Task Audit_entries_filter_by_trader_symbol_action_order_and_time_and_page_by_id()
    {
        var a1 = NewOrder(symbol: "AAPL");
        var m1 = NewOrder(symbol: "MSFT");
        var b1 = NewOrder(trader: "bob", symbol: "AAPL");
        foreach (var o in new[] { a1, m1, b1 }) await Store.CommitAsync(Created(o));
        await Store.CommitAsync(Acknowledged(a1));                           // entries 1..3 at T0, 4 at T0+1s
        AuditQuery All(int limit = 100) => new(null, null, null, null, null, null, 0, limit);

        Assert.Equal([1L, 2L, 3L, 4L], (await Store.ListAuditAsync(All())).Select(e => e.Id));
        Assert.Equal([1L, 2L, 4L], (await Store.ListAuditAsync(All() with { Trader = new TraderId("alice") })).Select(e => e.Id));
        Assert.Equal([1L, 3L, 4L], (await Store.ListAuditAsync(All() with { Symbol = Symbol.Of("AAPL") })).Select(e => e.Id));
        Assert.Equal([4L], (await Store.ListAuditAsync(All() with { Action = AuditAction.Acknowledged })).Select(e => e.Id));
        Assert.Equal([1L, 4L], (await Store.ListAuditAsync(All() with { OrderId = a1.Id })).Select(e => e.Id));
        Assert.Equal([4L], (await Store.ListAuditAsync(All() with { From = T0.AddMilliseconds(1) })).Select(e => e.Id));
        Assert.Equal([1L, 2L, 3L], (await Store.ListAuditAsync(All() with { To = T0.AddSeconds(1) })).Select(e => e.Id));
        Assert.Equal([2L, 3L], (await Store.ListAuditAsync(All(2) with { AfterId = 1 })).Select(e => e.Id));
        Assert.Equal([3L], (await Store.ListAuditAsync(All() with { AfterId = 1, Symbol = Symbol.Of("AAPL"), To = T0.AddSeconds(1) })).Select(e => e.Id));
        var entry = (await Store.ListAuditAsync(All() with { AfterId = 3 }))[0];
        Assert.Equal((await Store.GetAuditTrailAsync(a1.Id))[1], entry);
    }

    [StoreFact]
    public async Task Executions_come_in_time_order_with_symbol_and_side_and_page_without_losing_ties()
    {
        var alice = NewOrder(symbol: "AAPL", quantity: 100);
        var bob = NewOrder(trader: "bob", symbol: "MSFT", quantity: 100);
        bob = bob with { Spec = bob.Spec with { Side = Side.Sell } };
        foreach (var o in new[] { alice, bob }) await Store.CommitAsync(Created(o));
        var times = new[] { T0.AddSeconds(3), T0.AddSeconds(1), T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(1), T0.AddDays(1) };
        var (a, b) = (alice, bob);
        for (var i = 0; i < times.Length; i++)
        {
            var order = i % 2 == 0 ? a : b;
            var after = order.OnFill(order.FilledQuantity + 1 + i, 150m + i, times[i]).Order;
            var fill = new Fill(Guid.NewGuid(), order.Id, order.TraderId, $"SIM-X{i}", 1 + i, 150m + i, "SIM", 1m, times[i]);
            Assert.True((await Store.CommitAsync(OrderChange.Of(order, after).WithFill(fill))).Ok);
            if (i % 2 == 0) a = after; else b = after;
        }
        var day = new ExecutionQuery(null, T0, T0.AddDays(1), null, 100);
        var all = await Store.ListExecutionsAsync(day);
        Assert.Equal(["SIM-X1", "SIM-X2", "SIM-X4", "SIM-X3", "SIM-X0"], all.Select(r => r.Fill.ExecutionId));
        Assert.Equal((Symbol.Of("MSFT"), Side.Sell, 2 * 151m), (all[0].Symbol, all[0].Side, all[0].Notional));
        Assert.Equal(["SIM-X2", "SIM-X4", "SIM-X0"], (await Store.ListExecutionsAsync(day with { Trader = new TraderId("alice") })).Select(r => r.Fill.ExecutionId));

        var paged = new List<ExecutionRecord>();
        ExecutionRecord? last = null;
        while (true)
        {
            var page = await Store.ListExecutionsAsync(day with { After = last, Limit = 2 });
            paged.AddRange(page);
            if (page.Count < 2) break;
            last = page[^1];
        }
        Assert.Equal(all, paged);
    }

    [StoreFact]
    public async Task Metrics_measure_reliability_latency_duplicates_completeness_and_rejections()
    {
        // Order 1: submitted at T0, sent, acknowledged 40 ms later, filled. Order 2: sent, failed.
        // Order 3: denied by a risk rule. Order 4: submitted, acknowledged at 250 ms, cancelled by the trader 30 ms after asking.
        var o1 = NewOrder();
        await Store.CommitAsync(Created(o1) with { Audit = [AuditRecord.Of(o1, AuditAction.Submitted, Actor.Trader, T0)] });
        var acked = o1.On(OrderTrigger.VenueAccepted, T0.AddMilliseconds(40)).Order;
        await Store.CommitAsync(OrderChange.Of(o1, acked).Audited(AuditRecord.Of(o1, AuditAction.Executed, Actor.System, T0.AddMilliseconds(39)))
            .Audited(AuditRecord.Of(acked, AuditAction.Acknowledged, Actor.System, T0.AddMilliseconds(40))));
        var filled = acked.OnFill(10, 150m, T0.AddMilliseconds(50)).Order;
        await Store.CommitAsync(OrderChange.Of(acked, filled).WithFill(new Fill(Guid.NewGuid(), o1.Id, o1.TraderId, "SIM-M1", 10, 150m, "SIM", 1m, T0))
            .Audited(AuditRecord.Of(filled, AuditAction.Filled, Actor.System, T0.AddMilliseconds(50), quantity: 10, price: 150m)));

        var o2 = NewOrder();
        await Store.CommitAsync(Created(o2));
        var failed = o2.On(OrderTrigger.Failed, T0, "venue down").Order;
        await Store.CommitAsync(OrderChange.Of(o2, failed).Audited(AuditRecord.Of(o2, AuditAction.Executed, Actor.System, T0, errorCode: "TIMEOUT"))
            .Audited(AuditRecord.Of(failed, AuditAction.Failed, Actor.System, T0, errorCode: "TIMEOUT")));

        var o3 = Order.CreateDenied(new OrderId(Guid.NewGuid()), new TraderId("bob"), null, NewOrder().Spec, "SIM", ExecutionPath.V2, "too big", T0);
        await Store.CommitAsync(OrderChange.NewOrder(o3).Audited(AuditRecord.Of(o3, AuditAction.Submitted, Actor.Trader, T0))
            .Audited(AuditRecord.Of(o3, AuditAction.Denied, Actor.System, T0, errorCode: "MAX_ORDER_NOTIONAL")));

        var o4 = NewOrder();
        await Store.CommitAsync(Created(o4));
        var resting = o4.On(OrderTrigger.VenueAccepted, T0.AddMilliseconds(250)).Order;
        await Store.CommitAsync(OrderChange.Of(o4, resting).Audited(AuditRecord.Of(o4, AuditAction.Executed, Actor.System, T0))
            .Audited(AuditRecord.Of(resting, AuditAction.Acknowledged, Actor.System, T0.AddMilliseconds(250))));
        var asked = resting.On(OrderTrigger.CancelRequested, T0.AddSeconds(1)).Order;
        await Store.CommitAsync(OrderChange.Of(resting, asked).Audited(AuditRecord.Of(asked, AuditAction.CancelRequested, Actor.Trader, T0.AddSeconds(1))));
        var cancelled = asked.On(OrderTrigger.Cancelled, T0.AddSeconds(1).AddMilliseconds(30)).Order;
        await Store.CommitAsync(OrderChange.Of(asked, cancelled).Audited(AuditRecord.Of(cancelled, AuditAction.Cancelled, Actor.System, T0.AddSeconds(1).AddMilliseconds(30))));

        var m = await Store.MeasureAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal((4L, 3L, 1L, (double?)66.667), (m.OrdersSubmitted, m.OrdersSent, m.OrdersFailed, m.ExecutionReliabilityPercent));
        Assert.Equal(new LatencySummary(2, 40, 250, 250, 250), m.SubmitToConfirm);
        Assert.Equal(new LatencySummary(1, 30, 30, 30, 30), m.CancelToConfirm);
        Assert.Equal(0, m.DuplicateOrders);
        Assert.Equal((2L, 2L, (double?)1.0), (m.OrdersAtVenue, m.OrdersWithCompleteAudit, m.AuditCompleteness));
        Assert.Equal([new CodeCount("MAX_ORDER_NOTIONAL", 1)], m.RiskRejections);
        Assert.Empty(m.VenueRejections);
        Assert.Equal([new CodeCount("CANCELLED", 1), new CodeCount("DENIED", 1), new CodeCount("FAILED", 1), new CodeCount("FILLED", 1)], m.OrdersByStatus);
        Assert.Equal(0, (await Store.MeasureAsync(T0.AddDays(1), T0.AddDays(2))).OrdersSubmitted);
    }

    [StoreFact]
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

    [StoreFact]
    public async Task Open_orders_exclude_terminal_ones()
    {
        var open = NewOrder();
        var done = NewOrder();
        await Store.CommitAsync(Created(open));
        await Store.CommitAsync(Created(done));
        var rejected = done.On(OrderTrigger.VenueRejected, T0, "no").Order;
        await Store.CommitAsync(OrderChange.Of(done, rejected));
        Assert.Equal([open.Id], (await Store.ListOpenOrdersAsync()).Select(o => o.Id));
    }

    [StoreFact]
    public async Task Open_orders_are_counted_by_status_and_closed_ones_not_at_all()
    {
        var counter = Assert.IsAssignableFrom<IOpenOrderCount>(Store);
        Assert.Empty(await counter.CountOpenOrdersAsync());
        var (waiting, working, done) = (NewOrder(), NewOrder(), NewOrder());
        foreach (var o in new[] { waiting, working, done }) await Store.CommitAsync(Created(o));
        await Store.CommitAsync(Acknowledged(working));
        await Store.CommitAsync(OrderChange.Of(done, done.On(OrderTrigger.VenueRejected, T0, "no").Order));
        var counts = await counter.CountOpenOrdersAsync();
        Assert.Equal(new Dictionary<OrderStatus, long> { [OrderStatus.PendingSubmit] = 1, [OrderStatus.Pending] = 1 },
            counts);
    }

    [StoreFact]
    public async Task A_fill_updates_account_position_and_daily_pnl_in_the_same_commit()
    {
        var trader = new TraderId("alice");
        var limits = new RiskLimits(100, 10_000m, 5_000m, 10, 500m, false);
        Assert.True((await Store.CommitAsync(new AccountChange(new Account(trader, 1_000m, limits, false, 1)))).Ok);
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var day = new DateOnly(2026, 11, 24);
        var filled = order.OnFill(10, 150.25m, T0).Order;
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
        Assert.Equal(CommitStatus.VersionConflict, (await Store.CommitAsync(OrderChange.Of(again, again.OnFill(1, 1m, T0).Order) with { Ledger = stale })).Status);
        Assert.Equal(0, (await Store.GetOrderAsync(again.Id))!.FilledQuantity);
        Assert.Equal(10, Assert.Single((await Store.LoadLedgerAsync(trader, day)).Positions).Quantity);
        Assert.Equal([again.Id], (await Store.LoadLedgerAsync(trader, day)).OpenOrders.Select(o => o.Id));
    }

    [StoreFact]
    public async Task Controls_are_stored_and_overwritten()
    {
        Assert.Null(await Store.GetControlAsync("trading_halt"));
        await Store.CommitAsync(new ControlChange("trading_halt", "outage"));
        Assert.Equal("outage", await Store.GetControlAsync("trading_halt"));
        await Store.CommitAsync(new ControlChange("trading_halt", null));
        Assert.Null(await Store.GetControlAsync("trading_halt"));
    }

    [StoreFact]
    public async Task A_control_entry_about_no_order_is_chained_and_read_back_with_its_nulls()
    {
        var entry = AuditRecord.Control(AuditAction.Halted, AuditRecord.Everyone, "*", Actor.Admin, T0,
            "Trading halted for every trader by administrator admin: outage", "TRADING_HALTED");
        Assert.True((await Store.CommitAsync(new ControlChange("trading_halt", "outage") { Audit = [entry] })).Ok);
        var row = Assert.Single(await Store.ReadAuditChainAsync(0, 10));
        Assert.Null(row.Damage);
        Assert.Equal(entry, row.Entry!.Record);
        Assert.Equal((null, null, null, null), (row.Entry.Record.Status, row.Entry.Record.Symbol, row.Entry.Record.Side, row.Entry.Record.Path));
        var verifier = new AuditVerifier();
        Assert.True(verifier.Add(row));
        Assert.True(verifier.Finish().Valid);
    }

    [StoreFact]
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
