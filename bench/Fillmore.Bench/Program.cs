// dotnet run -c Release --project bench/Fillmore.Bench -- [--quick] [--out bench-results] [--url http://127.0.0.1:5080]
//                                                          [--postgres "Host=127.0.0.1;Port=5432;Username=postgres"]
// Starts the Release build of the service on a free loopback port with a fresh database (unless
// --url names a running one; it must then use the harness's admin key and JWT settings), and
// measures, in one run after an unmeasured warm-up: the floors (a no-op request; a raw durable
// commit), submit→201 and submit→first event for one trader, throughput at saturation (accepted,
// and through the whole lifecycle, with the store writer's utilisation), status propagation with
// 100 and 1,000 WebSocket clients, the spec's criterion 8 at 100 and 1,000 traders, and cancel→CANCELLED.
// --fix [--quick]: instead, orders/s and submit→acknowledged through FIX against QuickFIX's executor,
// beside the paper exchange, in one run (VenueComparison).
// --routing [--quick]: instead, the same with one venue and with SMART over three venues (VenueComparison).
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fillmore.Bench;
using Spectre.Console;

var quick = new Option<bool>("--quick") { Description = "A shortened run of everything (under a minute)." };
var outDir = new Option<string>("--out") { Description = "Folder for results.json and latency.svg.", DefaultValueFactory = _ => "bench-results" };
var url = new Option<string?>("--url") { Description = "Benchmark a running service instead of starting one." };
var postgres = new Option<string?>("--postgres") { Description = "Run the service on PostgreSQL: a superuser connection string; a fresh database is created on that server and dropped after." };
var fix = new Option<bool>("--fix")
{
    Description = "Through FIX against QuickFIX's executor, beside the paper exchange.",
};
var routing = new Option<bool>("--routing")
{
    Description = "One venue against SMART routing over three paper venues.",
};
var root = new RootCommand("Fillmore load generator and latency harness") { quick, outDir, url, postgres, fix, routing };
root.SetAction(async (parse, ct) => parse.GetValue(fix)
    ? await VenueComparison.FixAsync(ApiDll(), Repository(), BenchSettings.For(parse.GetValue(quick)),
        parse.GetValue(outDir)!)
    : parse.GetValue(routing)
    ? await VenueComparison.RoutingAsync(ApiDll(), BenchSettings.For(parse.GetValue(quick)), parse.GetValue(outDir)!)
    : await RunAsync(parse.GetValue(quick), parse.GetValue(outDir)!, parse.GetValue(url), parse.GetValue(postgres)));
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(bool quick, string outDir, string? url, string? postgres)
{
    var settings = BenchSettings.For(quick);
    await using var service = url is null ? await Service.StartAsync(ApiDll(), postgres) : await Service.AttachAsync(new Uri(url));
    var harness = new Harness(service, settings);
    var http = service.NewClient();
    var results = new Dictionary<string, double>();
    var charts = new List<(string, double[])>();
    var traders = Enumerable.Range(0, 1000).Select(i => new Trader($"bench-{i:D4}", http)).ToList();
    await AnsiConsole.Progress().StartAsync(async progress =>
    {
        var step = progress.AddTask("Fillmore benchmark", maxValue: 9);
        async Task Stage(string name, Func<Task> work)
        {
            step.Description = name;
            var drained = await service.WaitForQuietAsync();
            // How long the previous stage's backlog took to clear: accepted orders still being sent and filled.
            if (drained > TimeSpan.FromSeconds(1)) results[$"backlog_drain_before_{Slug(name)}_seconds"] = drained.TotalSeconds;
            await work();
            step.Increment(1);
        }
        await Stage("opening 1,000 accounts", () => service.OpenAccountsAsync(traders.Select(t => t.Id)));
        // A service that has run for a while has its hot methods compiled at full optimisation (tiered JIT);
        // the first few thousand orders after a start are slower, and users live with the warm service.
        await Stage("warm-up (not measured)", () => harness.SaturationAsync(traders.Skip(1).Take(256).ToList(), settings.WarmUpSeconds));
        await Stage("floors", async () =>
        {
            results["floor_noop_rps"] = await harness.NoOpRequestsPerSecondAsync();
            results["floor_durable_commits_per_second"] = harness.DurableCommitsPerSecond();
        });
        await Stage("one trader", async () =>
        {
            await traders[0].ConnectStreamAsync(service.Url);
            var (ack, first) = await harness.SingleTraderAsync(traders[0]);
            Put(results, "submit", ack.Summarise());
            Put(results, "first_event", first.Summarise());
            charts.Add(("submit→201, one trader", ack.Sorted()));
            charts.Add(("submit→first event", first.Sorted()));
        });
        await Stage("throughput at saturation", async () =>
        {
            var writerBefore = await service.WriterCountersAsync();
            var bytesBefore = service.StorageBytesWritten();
            var (ack, rate) = await harness.SaturationAsync(traders.Skip(1).Take(256).ToList(), settings.SaturationSeconds);
            results["orders_per_second"] = rate;
            // Accepted is not done: the accepted orders are then sent, acknowledged and filled. The
            // lifecycle rate counts the whole of it, up to the moment the last of them is filled.
            var drained = await service.WaitForQuietAsync();
            results["saturation_backlog_drain_seconds"] = drained.TotalSeconds;
            results["lifecycle_orders_per_second"] = ack.Count / (settings.SaturationSeconds + drained.TotalSeconds);
            // The store writer's own counters over the same span: how full its transactions were and how busy it was.
            var writer = (await service.WriterCountersAsync()) - writerBefore;
            results["writer_changes_per_transaction"] = writer.Changes / Math.Max(1, writer.Transactions);
            results["writer_busy_fraction"] = writer.BusySeconds / (settings.SaturationSeconds + drained.TotalSeconds);
            results["writer_busy_us_per_order"] = writer.BusySeconds * 1e6 / Math.Max(1, ack.Count);
            results["writer_changes_per_order"] = writer.Changes / Math.Max(1, ack.Count);
            // What each order costs the disk (issue 19's goal: at most 8 KiB), over the whole lifecycle, WAL and
            // checkpoints included; only measurable when this process started the service on SQLite.
            if (bytesBefore is { } before && service.StorageBytesWritten() is { } after)
                results["bytes_written_per_order"] = (after - before) / (double)Math.Max(1, ack.Count);
            results["throughput_ratio_to_noop"] = rate / results["floor_noop_rps"];
            Put(results, "saturation_submit", ack.Summarise());
            charts.Add(($"submit→201, {settings.Concurrency} concurrent", ack.Sorted()));
        });
        await Stage("propagation, 100 clients", async () => Put(results, "propagation_100", (await harness.PropagationAsync(traders, 100, settings.PropagationSeconds)).Summarise()));
        await Stage("propagation, 1,000 clients", async () =>
        {
            var p = await harness.PropagationAsync(traders, 1000, settings.PropagationSeconds);
            Put(results, "propagation_1000", p.Summarise());
            results["propagation_p99_ms"] = results["propagation_1000_p99_ms"];
            charts.Add(("fill→event, 1,000 clients", p.Sorted()));
        });
        await Stage("criterion 8 (100 orders/min per trader)", async () =>
        {
            var interval = TimeSpan.FromMinutes(1) / 100;
            var one = await harness.PacedAsync(traders.Take(1).ToList(), TimeSpan.FromMilliseconds(100), settings.PacedSeconds);
            var hundred = await harness.PacedAsync(traders.Skip(100).Take(100).ToList(), interval, settings.PacedSeconds);
            var thousand = await harness.PacedAsync(traders, interval, settings.PacedSeconds);
            results["criterion8_p95_1_ms"] = one.P(0.95);
            results["criterion8_p95_100_ms"] = hundred.P(0.95);
            results["criterion8_p95_1000_ms"] = thousand.P(0.95);
            results["criterion8_ratio_100"] = hundred.P(0.95) / one.P(0.95);
            results["criterion8_ratio_1000"] = thousand.P(0.95) / one.P(0.95);
        });
        await Stage("cancel", async () => Put(results, "cancel", (await harness.CancelAsync(traders[0])).Summarise()));
    });
    foreach (var t in traders) await t.DisposeAsync();
    Report(results, settings, outDir, charts);
    return 0;
}

static string Slug(string stage) => new string(stage.Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').ToArray()).Trim().Replace(' ', '_').ToLowerInvariant();

static void Put(Dictionary<string, double> results, string name, Summary s)
{
    results[$"{name}_count"] = s.Count;
    results[$"{name}_p50_ms"] = s.P50;
    results[$"{name}_p95_ms"] = s.P95;
    results[$"{name}_p99_ms"] = s.P99;
    results[$"{name}_max_ms"] = s.Max;
}

static void Report(Dictionary<string, double> r, BenchSettings settings, string outDir, List<(string, double[])> charts)
{
    var table = new Table().AddColumns("measure", "p50", "p95", "p99", "max", "n");
    string Ms(string key) => r.TryGetValue(key, out var v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";
    foreach (var (label, key) in new[]
    {
        ("submit → 201, one trader (ms)", "submit"), ("submit → first event (ms)", "first_event"),
        ($"submit → 201 at {settings.Concurrency} concurrent (ms)", "saturation_submit"),
        ("fill → event, 100 clients (ms)", "propagation_100"), ("fill → event, 1,000 clients (ms)", "propagation_1000"),
        ("cancel → CANCELLED event (ms)", "cancel"),
    })
        table.AddRow(label, Ms($"{key}_p50_ms"), Ms($"{key}_p95_ms"), Ms($"{key}_p99_ms"), Ms($"{key}_max_ms"), Ms($"{key}_count"));
    AnsiConsole.Write(table);
    var rates = new Table().AddColumns("figure", "value");
    foreach (var key in new[] { "floor_noop_rps", "floor_durable_commits_per_second", "orders_per_second", "lifecycle_orders_per_second", "throughput_ratio_to_noop",
        "writer_changes_per_transaction", "writer_changes_per_order", "writer_busy_fraction", "writer_busy_us_per_order",
        "bytes_written_per_order",
        "criterion8_p95_1_ms", "criterion8_p95_100_ms", "criterion8_p95_1000_ms", "criterion8_ratio_100", "criterion8_ratio_1000" })
        rates.AddRow(key, Ms(key));
    AnsiConsole.Write(rates);
    Directory.CreateDirectory(outDir);
    File.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(
        new SortedDictionary<string, double>(r.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4))), new JsonSerializerOptions { WriteIndented = true }));
    File.WriteAllText(Path.Combine(outDir, "latency.svg"), Chart.Cdf("Fillmore latency distributions (cumulative)", charts));
    AnsiConsole.MarkupLine($"results: [bold]{Path.GetFullPath(Path.Combine(outDir, "results.json"))}[/], chart: latency.svg");
}

static string Repository()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent;
    return dir!.FullName;
}

static string ApiDll()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    var (framework, configuration) = (dir.Name, dir.Parent!.Name);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent;
    return Path.Combine(dir!.FullName, "src", "Fillmore.Api", "bin", configuration, framework, "Fillmore.Api.dll");
}
