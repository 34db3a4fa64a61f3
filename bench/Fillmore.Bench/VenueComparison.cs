// The same service measured with different venues, back to back in one run, on a fresh service and
// database each time (docs/benchmarks.md):
// --fix: first the paper exchange (in-process venue), then a FIX venue (FILLMORE_VENUE_FIX, quotes
// from the paper quote board) with QuickFIX's executor started on loopback.
// --routing: first the paper exchange alone, then three paper venues with fee schedules and every
// order routed by SMART (each order pays the router: quotes, health, the decision, its JSON rationale
// in the audit trail, and an extra event). Orders are 1-share marketable LIMIT
// buys of AAPL (executor takes limit orders only; both venues fill them at once). After an unmeasured
// warm-up: one trader, one order at a time, submit→201 and submit→acknowledged (the order.submitted
// event, recorded when the venue's answer is); then throughput at saturation (orders/s accepted, and
// through the whole lifecycle until the last one is filled).
namespace Fillmore.Bench;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;

public static class VenueComparison
{
    public static async Task<int> FixAsync(string apiDll, string repository, BenchSettings settings, string outDir)
    {
        var results = new Dictionary<string, Dictionary<string, double>>();
        results["paper"] = await MeasureAsync(apiDll, settings, "paper exchange", null);
        await using (var executor = await QuickFixExecutor.StartAsync(repository))
        {
            results["fix_executor"] = await MeasureAsync(apiDll, settings, "FIX, executor",
                new Dictionary<string, string>
                {
                    ["FILLMORE_VENUE_FIX"] = executor.ConnectionString, ["FILLMORE_MARKET_DATA"] = "paper",
                });
        }
        Report(results, settings, outDir, "fix-results.json");
        return 0;
    }

    public static async Task<int> RoutingAsync(string apiDll, BenchSettings settings, string outDir)
    {
        var results = new Dictionary<string, Dictionary<string, double>>();
        results["one_venue"] = await MeasureAsync(apiDll, settings, "one venue", null);
        results["smart_three_venues"] = await MeasureAsync(apiDll, settings, "SMART over three venues",
            new Dictionary<string, string>
            {
                ["Fillmore__Venues__Paper__0__Name"] = "SIM2", ["Fillmore__Venues__Paper__0__Seed"] = "7",
                ["Fillmore__Venues__Paper__0__PriceOffsetBps"] = "-1",
                ["Fillmore__Venues__Paper__1__Name"] = "SIM3", ["Fillmore__Venues__Paper__1__Seed"] = "11",
                ["Fillmore__Venues__Paper__1__PriceOffsetBps"] = "1",
                ["Fillmore__Venues__Fees__SIM__TakerPerShare"] = "0.003",
                ["Fillmore__Venues__Fees__SIM2__TakerBps"] = "0.5", ["Fillmore__Venues__Fees__SIM2__PerOrder"] = "0.1",
                ["Fillmore__Venues__Fees__SIM3__MakerRebatePerShare"] = "0.003",
                ["Fillmore__Routing__DefaultVenue"] = "SMART",
            });
        Report(results, settings, outDir, "routing-results.json");
        return 0;
    }

    private static async Task<Dictionary<string, double>> MeasureAsync(string apiDll, BenchSettings settings,
        string label, IReadOnlyDictionary<string, string>? venue)
    {
        await using var service = await Service.StartAsync(apiDll, environment: venue);
        var harness = new Harness(service, settings);
        var http = service.NewClient();
        var traders = Enumerable.Range(0, settings.Concurrency + 1).Select(i => new Trader($"bench-{i:D4}", http))
            .ToList();
        await service.OpenAccountsAsync(traders.Select(t => t.Id));
        var price = await MarketablePriceAsync(service);
        foreach (var t in traders) t.LimitPrice = price;
        var r = new Dictionary<string, double> { ["limit_price"] = (double)price };
        AnsiConsole.MarkupLine($"[bold]{label}[/]: warm-up ({settings.WarmUpSeconds} s, not measured)");
        await harness.SaturationAsync(traders.Skip(1).ToList(), settings.WarmUpSeconds);
        await service.WaitForQuietAsync();
        AnsiConsole.MarkupLine($"[bold]{label}[/]: one trader, {settings.SingleTraderOrders} orders one at a time");
        await traders[0].ConnectStreamAsync(service.Url);
        var (ack, acknowledged) = await harness.SingleTraderAsync(traders[0], "order.submitted");
        Put(r, "submit", ack.Summarise());
        Put(r, "acknowledged", acknowledged.Summarise());
        await service.WaitForQuietAsync();
        AnsiConsole.MarkupLine(
            $"[bold]{label}[/]: saturation, {settings.Concurrency} concurrent, {settings.SaturationSeconds} s");
        var (saturated, rate) = await harness.SaturationAsync(traders.Skip(1).ToList(), settings.SaturationSeconds);
        var drained = await service.WaitForQuietAsync();
        r["orders_per_second"] = rate;
        r["lifecycle_orders_per_second"] = saturated.Count / (settings.SaturationSeconds + drained.TotalSeconds);
        r["saturation_backlog_drain_seconds"] = drained.TotalSeconds;
        Put(r, "saturation_submit", saturated.Summarise());
        foreach (var t in traders) await t.DisposeAsync();
        return r;
    }

    // A limit buy above the ask (within the price band): it fills at once on the paper exchange as at executor.
    private static async Task<decimal> MarketablePriceAsync(Service service)
    {
        var aapl = (await service.Admin.GetInstrumentsAsync()).First(i => i.Symbol == "AAPL");
        return Math.Round(aapl.Ask!.Value * 1.01m, 2);
    }

    private static void Put(Dictionary<string, double> results, string name, Summary s)
    {
        results[$"{name}_count"] = s.Count;
        results[$"{name}_p50_ms"] = s.P50;
        results[$"{name}_p95_ms"] = s.P95;
        results[$"{name}_p99_ms"] = s.P99;
        results[$"{name}_max_ms"] = s.Max;
    }

    private static void Report(Dictionary<string, Dictionary<string, double>> results, BenchSettings settings,
        string outDir, string fileName)
    {
        var (first, second) = (results.Keys.First(), results.Keys.Last());
        var table = new Table().AddColumns("measure", first, second);
        string V(string venue, string key) => results[venue].TryGetValue(key, out var v)
            ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
        foreach (var key in results[first].Keys.Where(k => !k.EndsWith("_count", StringComparison.Ordinal)))
            table.AddRow(key, V(first, key), V(second, key));
        table.AddRow("concurrency", settings.Concurrency.ToString(CultureInfo.InvariantCulture), "");
        AnsiConsole.Write(table);
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, fileName);
        var rounded = results.ToDictionary(v => v.Key, v => new SortedDictionary<string, double>(
            v.Value.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4))));
        File.WriteAllText(path, JsonSerializer.Serialize(rounded, new JsonSerializerOptions { WriteIndented = true }));
        AnsiConsole.MarkupLine($"results: [bold]{Path.GetFullPath(path)}[/]");
    }
}
