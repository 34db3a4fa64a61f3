// Micro-benchmarks. Without arguments: BenchmarkDotNet (mean, allocations). With --latency: the
// per-call latency distribution of the pre-trade pipeline (p50 / p99 / p99.9 / max), which
// BenchmarkDotNet's per-iteration statistics do not give. With --store: the SQLite store alone
// committing order lifecycles (StoreLifecycleBench). With --journal: a prototype measurement of a journal with
// projections (JournalBench). With --driver: one audit-row insert through
// Microsoft.Data.Sqlite against the same through SQLitePCLRaw directly (DriverOverheadBench). With --router:
// what the SMART router costs an order (RouterBench). With --two-nodes: two PostgreSQL stores (two "nodes") on
// one database, one alone and then both at once (TwoNodeStoreBench).
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Fillmore.Bench.Micro;

if (args.Contains("--two-nodes"))
{
    // dotnet run -c Release --project bench/Fillmore.Bench.Micro -- --two-nodes [bots] [seconds] [--affinity] --postgres CONN
    var options = args.ToList();
    var pg = options.IndexOf("--postgres");
    if (pg < 0 || pg + 1 >= options.Count) throw new ArgumentException("--two-nodes needs --postgres CONN");
    var server = options[pg + 1];
    options.RemoveRange(pg, 2);
    var rest = options.SkipWhile(a => a != "--two-nodes").Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
    await TwoNodeStoreBench.RunAsync(server, rest.ElementAtOrDefault(0) is > 0 and var bots ? bots : 64,
        TimeSpan.FromSeconds(rest.ElementAtOrDefault(1) is > 0 and var s ? s : 10), args.Contains("--affinity"));
    return;
}

if (args.Contains("--store"))
{
    // dotnet run -c Release --project bench/Fillmore.Bench.Micro -- --store [bots] [seconds] [--terse] [--v7-ids]
    //   [--v7-fill-ids] [--reads N]
    //   [--postgres CONN]
    var options = args.ToList();
    var reads = 0;
    if (options.IndexOf("--reads") is >= 0 and var at && at + 1 < options.Count)
    {
        reads = int.Parse(options[at + 1]);
        options.RemoveRange(at, 2);
    }
    string? postgres = null;
    if (options.IndexOf("--postgres") is >= 0 and var pg && pg + 1 < options.Count)
    {
        postgres = options[pg + 1];
        options.RemoveRange(pg, 2);
    }
    var rest = options.SkipWhile(a => a != "--store").Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
    await StoreLifecycleBench.RunAsync(rest.ElementAtOrDefault(0) is > 0 and var bots ? bots : 64, TimeSpan.FromSeconds(rest.ElementAtOrDefault(1) is > 0 and var s ? s : 10),
        terse: args.Contains("--terse"), v7Ids: args.Contains("--v7-ids"), reads, postgres,
        v7FillIds: args.Contains("--v7-fill-ids"));
    return;
}
if (args.Contains("--journal"))
{
    // dotnet run -c Release --project bench/Fillmore.Bench.Micro -- --journal [bots] [seconds] [--projection-batch N]
    //   [--prealloc-mib N] (the journal file zero-filled ahead; 0: plain append)
    //   [--projection-cache-mib N] (the projection writer's page cache; 0: SQLite's default 2 MiB)
    var options = args.ToList();
    int Option(string name, int otherwise)
    {
        if (options.IndexOf(name) is not (>= 0 and var at) || at + 1 >= options.Count) return otherwise;
        var value = int.Parse(options[at + 1]);
        options.RemoveRange(at, 2);
        return value;
    }
    var projectionBatch = Option("--projection-batch", 4096);
    var preallocateMiB = Option("--prealloc-mib", 2048);
    var projectionCacheMiB = Option("--projection-cache-mib", 0);
    var rest = options.SkipWhile(a => a != "--journal").Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
    await JournalBench.RunAsync(rest.ElementAtOrDefault(0) is > 0 and var bots ? bots : 64,
        TimeSpan.FromSeconds(rest.ElementAtOrDefault(1) is > 0 and var s ? s : 10), projectionBatch, preallocateMiB,
        projectionCacheMiB);
    return;
}
if (args.Contains("--router"))
{
    // dotnet run -c Release --project bench/Fillmore.Bench.Micro -- --router
    RouterBench.Run();
    return;
}
if (args.Contains("--driver"))
{
    DriverOverheadBench.Run();
    return;
}
if (args.Contains("--latency"))
{
    var scenario = new PipelineScenario();
    foreach (var (name, draft) in new[] { ("accepted", scenario.Accepted), ("refused", scenario.Refused) })
    {
        for (var i = 0; i < 50_000; i++) scenario.RunOnce(draft);            // warm-up (tiered JIT)
        var samples = new double[200_000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            scenario.RunOnce(draft);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(samples);
        double P(double q) => samples[(int)Math.Min(samples.Length - 1, q * samples.Length)];
        Console.WriteLine($"pipeline {name,-8} n={samples.Length:N0}  p50={P(0.50):F2} µs  p99={P(0.99):F2} µs  p99.9={P(0.999):F2} µs  max={samples[^1]:F1} µs");
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
