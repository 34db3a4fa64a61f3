// The Grafana dashboard (docs/observability/fillmore-dashboard.json) plots only what the service
// exports: after a little trading (a fill, a refusal, a stream client), every metric each query names
// is on /metrics, and every panel's query names at least one. The order-flow counters count what
// happened (one refusal by its code, the fill's events by type).
namespace Fillmore.Api.Tests;

using System.Text.Json;
using System.Text.RegularExpressions;
using Fillmore.Client;

public sealed partial class DashboardTests : IDisposable
{
    private readonly FillmoreFactory _factory = new(kestrel: true);

    [Fact]
    public async Task Every_query_of_the_dashboard_names_metrics_the_service_exports()
    {
        var exported = await TradeAndScrapeAsync();
        var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository(), "docs", "observability",
            "fillmore-dashboard.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .ToList();
        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            var names = MetricName().Matches(Labels().Replace(query, "")).Select(m => m.Value).ToList();
            Assert.True(names.Count > 0, $"'{query}' names no metric");
            Assert.All(names, name => Assert.True(exported.ContainsKey(name), $"'{query}' names {name}, not exported"));
        }
    }

    [Fact]
    public async Task The_order_flow_is_counted_by_event_type_and_refusal_code()
    {
        var exported = await TradeAndScrapeAsync();
        Assert.Contains(exported["fillmore_orders_refusals_total"], line => line.Contains("code=\"SYMBOL_HALTED\"") && line.EndsWith(" 1"));
        Assert.Contains(exported["fillmore_orders_events_total"], line => line.Contains("event=\"order.filled\""));
        Assert.Contains(exported["fillmore_engine_venue_round_trip_seconds_count"], line => line.Contains("venue=\"SIM\""));
    }

    // A stream client connected, then a market order filled (the client reads its first event live) and one
    // refused: then /metrics, as metric name → its sample lines.
    private async Task<Dictionary<string, List<string>>> TradeAndScrapeAsync()
    {
        using var alice = new FillmoreClient(new FillmoreClientOptions { BaseAddress = _factory.ServerAddress, ApiKey = FillmoreFactory.Alice });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new EventStreamOptions { Notices = n => { if (n.Kind == StreamNoticeKind.Connected) connected.TrySetResult(); } };
        await using var stream = alice.StreamEventsAsync(options, timeout.Token).GetAsyncEnumerator();
        var first = stream.MoveNextAsync().AsTask();
        await connected.Task.WaitAsync(timeout.Token);
        var order = await alice.SubmitOrderAsync(OrderRequest.Market("AAPL", Side.Buy, 1));
        Assert.True(await first);
        await _factory.FilledAsync(_factory.ClientFor(FillmoreFactory.Alice), order.Order.Id.ToString());
        await Assert.ThrowsAsync<FillmoreApiException>(() => alice.SubmitOrderAsync(OrderRequest.Market("HALT", Side.Buy, 1)));
        return await ScrapeAsync();
    }

    // /metrics as metric name → its sample lines.
    private async Task<Dictionary<string, List<string>>> ScrapeAsync()
    {
        var text = await _factory.CreateClient().GetStringAsync("/metrics");
        return text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .GroupBy(l => l[..l.IndexOfAny(['{', ' '])]).ToDictionary(g => g.Key, g => g.ToList());
    }

    [Fact]
    public async Task The_gauges_are_on_metrics()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var bought = await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" })).JsonAsync();
        await alice.WaitForStatusAsync(bought.Id(), "FILLED");
        var exported = await ScrapeAsync();
        // Values are asserted on this host's own meter (VenueMetricsTests): several hosts in one test process all
        // export every meter named "Fillmore", so a value read here may be another host's.
        Assert.All(new[] { "fillmore_engine_held_orders", "fillmore_engine_orders_in_flight", "fillmore_venue_connected",
            "fillmore_venue_reachable", "fillmore_venue_halted", "fillmore_orders_open" }, name => Assert.Contains(name, exported.Keys));
    }

    [GeneratedRegex(@"\b(fillmore|http)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    // Label names, not metrics: "by (...)" and "without (...)" lists, and "{...}" selectors.
    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)|\{[^}]*\}")]
    private static partial Regex Labels();

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent!;
        return dir.FullName;
    }

    public void Dispose() => _factory.Dispose();
}
