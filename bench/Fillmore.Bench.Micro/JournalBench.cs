// A PROTOTYPE MEASUREMENT of issue 19's "journal with projections" (--journal), not the product:
// what acknowledging a change once it is durable in an append-only journal would buy, next to
// --store (every change's rows, audit and events in SQLite, synchronous=FULL, before the answer).
// The same bots and lifecycles as --store (StoreLifecycleBench.Run) commit into a JournalStore:
// the JournalWriter chains, numbers and encodes each change, appends the batch to a plain file,
// fdatasyncs and acknowledges; each committed change then goes, unawaited, to a real
// SqliteOrderStore (the projection: synchronous=NORMAL, batches of up to --projection-batch
// changes), which chains and numbers again itself (extra CPU a real design would not pay; the
// journal writer's share of that work is reported so it can be subtracted).
// Warm-up, then the projection is drained so the window starts without backlog; after the window
// the bots stop and the backlog left is drained and timed (the projection alone, at full batches).
// Per-order CPU and SQLite bytes are counted over window and drain, so they cover every lifecycle
// acknowledged in the window, projected.
namespace Fillmore.Bench.Micro;

using System.Diagnostics;
using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;

public static class JournalBench
{
    private static readonly RiskLimits Limits = new(100_000_000, 1e12m, 1e9m, 1_000_000, 1e9m, false);
    private const string ProjectionThread = "fillmore-sqlit";    // "fillmore-sqlite-writer", as /proc cuts it
    private const int JournalMaxBatch = 1024;

    public static async Task RunAsync(int bots, TimeSpan duration, int projectionBatch, int preallocateMiB,
        int projectionCacheMiB = 0)
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-journal-bench-").FullName;
        try
        {
            var projected = new ProjectedLifecycles();
            var options = new StoreOptions
            {
                SqlitePath = Path.Combine(dir, "projection.db"), MaxBatch = projectionBatch, SynchronousNormal = true,
                WriterCacheKiB = projectionCacheMiB > 0 ? projectionCacheMiB * 1024 : null,
            };
            using var projection = await SqliteOrderStore.OpenAsync(options, projected, TimeProvider.System);
            SchemaExperiment.Apply(options.SqlitePath);
            using var journal = new JournalWriter(Path.Combine(dir, "journal.log"), projection.AuditPartitions,
                JournalMaxBatch, preallocateMiB * (1L << 20), change => _ = projection.CommitAsync(change).AsTask());    // counted by ProjectedLifecycles
            var store = new JournalStore(journal, projection);
            var accounts = new Account[bots];
            for (var b = 0; b < bots; b++)
            {
                accounts[b] = new Account(new TraderId($"bot-{b:D4}"), 1e12m, Limits, false, 1);
                await store.CommitAsync(new AccountChange(accounts[b]));
            }
            var timer = new CommitTimer();
            var run = new StoreLifecycleBench.Run(store, accounts, false, Guid.NewGuid, 0, timer, Guid.CreateVersion7);
            await run.BotsAsync(TimeSpan.FromSeconds(3));    // warm-up: JIT, file growth
            await DrainAsync(journal, projected);
            var start = Snapshot.Take(journal, projected);
            timer.Start();
            var orders = await run.BotsAsync(duration);
            timer.Stop();
            var end = Snapshot.Take(journal, projected);
            SchemaExperiment.KeepWal(options.SqlitePath);
            await DrainAsync(journal, projected);
            var drained = Snapshot.Take(journal, projected);
            Report(bots, projectionBatch, orders, timer, start, end, drained);
            Console.WriteLine(preallocateMiB == 0 ? "  journal file: plain append (grows with every batch)"
                : $"  journal file: zero-filled ahead, {preallocateMiB:N0} MiB" +
                  (journal.Length > preallocateMiB * (1L << 20) ? $", OUTGROWN ({journal.Length >> 20:N0} MiB written)" : ""));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task DrainAsync(JournalWriter journal, ProjectedLifecycles projected)
    {
        var clock = Stopwatch.StartNew();
        while (projected.Count < journal.Lifecycles)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"The projection is stuck at {projected.Count:N0} of {journal.Lifecycles:N0} "
                    + "lifecycles: it refused or failed a change.");
            await Task.Delay(5);
        }
    }

    private static void Report(int bots, int projectionBatch, long orders, CommitTimer timer, Snapshot start,
        Snapshot end, Snapshot drained)
    {
        var window = (end.At - start.At).TotalSeconds;
        var drain = (drained.At - end.At).TotalSeconds;
        var backlog = end.Journaled - end.Projected;
        double PerOrder(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? (y - x).TotalMicroseconds / orders : double.NaN;
        double Busy(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? (y - x).TotalSeconds / window * 100 : double.NaN;
        var journalBytes = drained.JournalLength - start.JournalLength;
        var sqliteBytes = drained.Written - start.Written - journalBytes;
        var chain = (drained.ChainTicks - start.ChainTicks) * 1e6 / Stopwatch.Frequency / orders;
        Console.WriteLine($"journal + projection (SQLite, synchronous=NORMAL, batches up to {projectionBatch:N0}), {bots} bots, {window:F0} s: " +
            $"{orders / window:N0} acknowledged lifecycles/s (2 changes each, UUID v4 order ids, v7 fill ids), {(end.Projected - start.Projected) / window:N0} projected/s in the window; " +
            $"backlog at the end {backlog:N0} lifecycles, drained in {drain:F1} s ({(drain > 0 ? backlog / drain : 0):N0}/s); " +
            $"sustained {orders / (window + drain):N0}/s (acknowledged over window + drain)");
        Console.WriteLine($"  commit latency {timer.Summary()}; journal: {(double)(end.JournalChanges - start.JournalChanges) / (end.Appends - start.Appends):F1} " +
            $"changes per append+fdatasync, {(end.Appends - start.Appends) / window:N0} appends/s, {journalBytes / (double)orders:N0} bytes per order (framed UTF-8 JSON); " +
            $"SQLite projection: {sqliteBytes / (double)orders / 1024:N1} KiB written per order (wchar minus journal)");
        Console.WriteLine($"  CPU per order (window + drain): {PerOrder(start.Cpu, drained.Cpu):N0} µs process, " +
            $"journal writer {PerOrder(start.JournalCpu, drained.JournalCpu):N0} µs (chaining, numbering and event JSON {chain:N1} µs of it, done again by the projection), " +
            $"projection writer {PerOrder(start.ProjectionCpu, drained.ProjectionCpu):N0} µs; busy in the window: journal writer {Busy(start.JournalCpu, end.JournalCpu):N0} %, " +
            $"projection writer {Busy(start.ProjectionCpu, end.ProjectionCpu):N0} %");
    }

    private sealed record Snapshot(TimeSpan At, TimeSpan Cpu, TimeSpan? JournalCpu, TimeSpan? ProjectionCpu, long Written,
        long JournalLength, long Appends, long JournalChanges, long Journaled, long Projected, long ChainTicks)
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        public static Snapshot Take(JournalWriter journal, ProjectedLifecycles projected) => new(Clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime, ThreadCpu.Of(JournalWriter.ThreadName), ThreadCpu.Of(ProjectionThread),
            StoreLifecycleBench.WalBytesWritten(), journal.Length, journal.Appends, journal.Changes, journal.Lifecycles,
            projected.Count, journal.ChainAndNumberTicks);
    }
}
