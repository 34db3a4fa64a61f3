// The store alone (--store): concurrent bots' market-order lifecycles committed straight into a
// fresh SQLite store, the same changes the engine commits for each order: accepted with its
// account guard; then executed, acknowledged and filled (fill, account, position) as one change,
// as when the venue's answer states the fill, or as two changes with --terse (a venue whose
// answer is only an acknowledgement). Each bot waits for one change to be durable before deciding
// the next, as the engine does. No HTTP and no engine: it says how fast the one writer can go and
// what each order costs it, with far less noise than the service benchmark.
// --v7-ids gives orders and fills time-ordered UUID v7 ids instead of the contract's random v4 (API.md,
// ARCHITECTURE.md §3), to measure what the id format costs the store (docs/benchmarks.md, fourth pass);
// --v7-fill-ids gives them to fills alone (orders keep v4), as the service does.
// --reads N has each bot read its order back by id N times after each lifecycle, through the store's
// pooled connections (as a bot polling GET /orders/{id} would, or the engine deciding a repeated fill
// report did before the fourth pass), to measure what reads beside the writer cost it.
// --postgres CONN runs the same against a fresh database on that PostgreSQL server (the connection
// string of a role that may create databases; scripts/services exports one as FILLMORE_TEST_POSTGRES).
namespace Fillmore.Bench.Micro;

using System.Diagnostics;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Storage;
using Fillmore.Storage.Postgres;
using Fillmore.Storage.Sqlite;
using Npgsql;

public static class StoreLifecycleBench
{
    private static readonly RiskLimits Limits = new(100_000_000, 1e12m, 1e9m, 1_000_000, 1e9m, false);

    public static async Task RunAsync(int bots, TimeSpan duration, bool terse, bool v7Ids, int reads,
        string? postgres = null, bool v7FillIds = false)
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-store-bench-").FullName;
        try
        {
            var time = TimeProvider.System;
            using var store = (IDisposable)(postgres is null
                ? await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = Path.Combine(dir, "s.db") }, new NoSubscribers(), time)
                : await PostgresOrderStore.OpenAsync(new StoreOptions { Provider = "postgres", PostgresConnectionString = await FreshDatabaseAsync(postgres) },
                    new NoSubscribers(), time));
            if (postgres is null) SchemaExperiment.Apply(Path.Combine(dir, "s.db"));
            var accounts = new Account[bots];
            for (var b = 0; b < bots; b++)
            {
                accounts[b] = new Account(new TraderId($"bot-{b:D4}"), 1e12m, Limits, false, 1);
                await ((IOrderStore)store).CommitAsync(new AccountChange(accounts[b]));
            }
            var timer = new CommitTimer();
            var run = new Run((IOrderStore)store, accounts, terse, v7Ids ? Guid.CreateVersion7 : Guid.NewGuid, reads, timer,
                v7Ids || v7FillIds ? Guid.CreateVersion7 : Guid.NewGuid);
            var warmUp = await run.BotsAsync(TimeSpan.FromSeconds(3));    // warm-up: JIT, file growth
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var written = WalBytesWritten();
            var clock = Stopwatch.StartNew();
            timer.Start();
            var orders = await run.BotsAsync(duration);
            timer.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuPerOrder = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / orders;
            Console.WriteLine($"store alone ({(postgres is null ? "SQLite" : "PostgreSQL")}), {bots} bots, {seconds:F0} s: {orders / seconds:N0} order lifecycles/s ({(terse ? 3 : 2)} changes each, {(v7Ids ? "UUID v7 ids" : v7FillIds ? "UUID v4 order ids, v7 fill ids" : "UUID v4 ids")}), " +
                $"{cpuPerOrder:N0} µs CPU per order (this process)" +
                (postgres is null ? $", {(WalBytesWritten() - written) / orders / 1024.0:N1} KiB written per order" : "") +
                (reads > 0 ? $"; each read back {reads} times: {orders * reads / seconds:N0} order reads/s" : "") +
                $"; commit latency {timer.Summary()}");
            await TimeWorkListAsync((IOrderStore)store, warmUp + orders);
            if (postgres is null) SchemaExperiment.KeepWal(Path.Combine(dir, "s.db"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    // The reconciler's work list every pass (every 5 s), over what the run left stored: its cost grows with the
    // orders a store holds if the list is found by scanning them.
    private static async Task TimeWorkListAsync(IOrderStore store, long stored)
    {
        var leases = store as IWorkLeases ?? new SingleNodeLeases(store);
        _ = await leases.ListOwnedWorkAsync();
        var clock = Stopwatch.StartNew();
        const int Passes = 5;
        var listed = 0;
        for (var i = 0; i < Passes; i++) listed = (await leases.ListOwnedWorkAsync()).Count;
        Console.WriteLine($"reconciler work list over ~{stored:N0} stored orders: {clock.Elapsed.TotalMilliseconds / Passes:N1} ms "
            + $"per pass, {listed} listed");
    }

    // The bot loop, shared with the journal prototype (JournalBench).
    internal sealed class Run(IOrderStore store, Account[] accounts, bool terse, Func<Guid> newId, int reads,
        CommitTimer? timer = null, Func<Guid>? newFillId = null)
    {
        public async Task<long> BotsAsync(TimeSpan duration)
        {
            var count = 0L;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, accounts.Length).Select(b => Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    (accounts[b], var id) = await LifecycleAsync(store, accounts[b], terse, newId, timer, newFillId);
                    for (var r = 0; r < reads; r++)
                        _ = await store.GetOrderAsync(id) ?? throw new InvalidOperationException($"Order {id} was committed but is not found.");
                    Interlocked.Increment(ref count);
                }
            })));
            return count;
        }
    }

    internal static async Task<(Account, OrderId)> LifecycleAsync(IOrderStore store, Account account, bool terse, Func<Guid> newId,
        CommitTimer? timer = null, Func<Guid>? newFillId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var order = Order.CreatePending(new OrderId(newId()), account.TraderId, $"c-{Guid.NewGuid():N}",
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 1, OrderType.Market, null, null, TimeInForce.Day, null, null), "SIM", ExecutionPath.V2, now);
        await CommitAsync(store, timer, (OrderChange.NewOrder(order) with { AccountGuard = account.Version })
            .Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, now))
            .Audited(AuditRecord.Of(order, AuditAction.Approved, Actor.System, now))
            .Emitting(OrderEvent.Of(order, OrderEventType.Accepted, now)));
        account = account with { Version = account.Version + 1 };

        var acked = order.On(OrderTrigger.VenueAccepted, now).Order;
        var acknowledgement = OrderChange.Of(order, acked)
            .Audited(AuditRecord.Of(order, AuditAction.Executed, Actor.System, now))
            .Audited(AuditRecord.Of(acked, AuditAction.Acknowledged, Actor.System, now))
            .Emitting(OrderEvent.Of(acked, OrderEventType.Submitted, now, now));
        if (terse) await CommitAsync(store, timer, acknowledgement);

        var filled = acked.OnFill(1, 190.25m, now).Order;
        var fill = new Fill((newFillId ?? newId)(), order.Id, order.TraderId, $"x-{Guid.NewGuid():N}", 1, 190.25m, "SIM", 0.01m, now);
        var paid = account with { Cash = account.Cash - 190.26m, Version = account.Version + 1 };
        var filling = (OrderChange.Of(acked, filled) with
            {
                Ledger = new LedgerUpdate(paid, new Position(Symbol.Of("AAPL"), 1, 190.25m), DateOnly.FromDateTime(now.UtcDateTime), 0m),
            })
            .WithFill(fill)
            .Audited(AuditRecord.Of(filled, AuditAction.Filled, Actor.System, now, quantity: 1, price: 190.25m))
            .Emitting(OrderEvent.Of(filled, OrderEventType.Filled, now, now, fill));
        await CommitAsync(store, timer, terse ? filling : acknowledgement.Then(filling));
        return (paid, order.Id);
    }

    internal static async Task<string> FreshDatabaseAsync(string server)
    {
        var name = $"fillmore_bench_{Guid.NewGuid():N}"[..30];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task CommitAsync(IOrderStore store, CommitTimer? timer, IStoreChange change)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await store.CommitAsync(change);
        timer?.Record(started);
        if (!result.Ok) throw new InvalidOperationException($"The store refused a benchmark change: {result.Status}");
    }

    // Bytes this process handed to write()/pwrite(): the WAL frames, and the checkpoints that copy them.
    internal static long WalBytesWritten() =>
        File.ReadLines("/proc/self/io").Where(l => l.StartsWith("wchar:", StringComparison.Ordinal)).Select(l => long.Parse(l[6..].Trim())).FirstOrDefault();
}
