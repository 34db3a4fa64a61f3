// One workload of 300 orders through the API (alice and bob at once, partial fills on), then the
// audit trail, the metrics summary and the execution reports are checked against the store file
// itself with raw SQL, which does not go through Fillmore's code.
namespace Fillmore.Api.Tests;

using System.Globalization;
using System.Net;
using System.Text.Json;
using Fillmore.Api.Hosting;

public sealed class TradedWorkload : IAsyncLifetime
{
    public const int PerTrader = 150;

    public FillmoreFactory Factory { get; } = Workload.Factory(partialFills: true);
    public IReadOnlyList<WorkloadOrder> Orders { get; private set; } = [];

    public async Task InitializeAsync() => Orders = await Workload.RunAsync(Factory, PerTrader);

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class AuditTrailTests(TradedWorkload workload) : IClassFixture<TradedWorkload>
{
    private FillmoreFactory Factory => workload.Factory;
    private string Db => workload.Factory.DatabasePath;

    [Fact]
    public async Task The_chain_verifies_after_a_workload_of_several_hundred_orders()
    {
        Assert.Equal(2 * TradedWorkload.PerTrader, await Workload.ScalarAsync(Db, "SELECT COUNT(*) FROM orders"));
        var entries = await Workload.ScalarAsync(Db, "SELECT COUNT(*) FROM execution_log");
        Assert.True(entries > 1500, $"only {entries} audit entries");
        var head = (await Workload.RowsAsync(Db, "SELECT id, hash FROM execution_log ORDER BY id DESC LIMIT 1"))[0];
        // The trail's head hash is the hash of every partition's head (what a checkpoint signs).
        var heads = (await Workload.RowsAsync(Db, "SELECT partition, seq, hash FROM audit_heads WHERE seq > 0"))
            .Select(r => new Fillmore.Core.Audit.AuditHead(Convert.ToInt32(r[0], CultureInfo.InvariantCulture),
                (long)r[1]!, (string)r[2]!));
        head[1] = Fillmore.Core.Audit.AuditChain.HeadsHash(0, Fillmore.Core.Audit.AuditChain.GenesisHash, heads);

        var verdict = await (await Factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verdict.GetProperty("valid").GetBoolean(), verdict.ToString());
        Assert.Equal((entries, (long)head[0]!, (string)head[1]!),
            (verdict.GetProperty("entries").GetInt64(), verdict.GetProperty("head_id").GetInt64(), verdict.Str("head_hash")));
        Assert.False(verdict.TryGetProperty("first_broken_id", out _));

        var (exit, output, _) = await RunVerifyAuditAsync("--db", Db);
        Assert.Equal(VerifyAuditCommand.Intact, exit);
        var fromCli = JsonDocument.Parse(output).RootElement;
        Assert.Equal((true, entries, verdict.Str("head_hash")), (fromCli.GetProperty("valid").GetBoolean(), fromCli.GetProperty("entries").GetInt64(), fromCli.Str("head_hash")));
    }

    [Fact]
    public async Task Every_order_that_reached_the_venue_has_submitted_and_executed_entries_and_every_fill_its_entry()
    {
        var reached = await Workload.RowsAsync(Db, """
            SELECT o.id,
                   (SELECT COUNT(*) FROM execution_log l WHERE l.order_id = o.id AND l.action = 'SUBMITTED'),
                   (SELECT COUNT(*) FROM execution_log l WHERE l.order_id = o.id AND l.action = 'EXECUTED'),
                   (SELECT COUNT(*) FROM fills f WHERE f.order_id = o.id),
                   (SELECT COUNT(*) FROM execution_log l WHERE l.order_id = o.id AND l.action IN ('FILLED', 'PARTIALLY_FILLED'))
            FROM orders o
            WHERE EXISTS (SELECT 1 FROM fills f WHERE f.order_id = o.id)
               OR EXISTS (SELECT 1 FROM execution_log l WHERE l.order_id = o.id AND l.action = 'ACKNOWLEDGED')
            """);
        Assert.True(reached.Count > 200, $"only {reached.Count} orders reached the venue");
        Assert.Empty(reached.Where(r => (long)r[1]! != 1 || (long)r[2]! < 1 || (long)r[3]! != (long)r[4]!).Select(r => r[0]));
        Assert.True(await Workload.ScalarAsync(Db, "SELECT COUNT(*) FROM execution_log WHERE action = 'PARTIALLY_FILLED'") > 0, "partial fills were not exercised");

        // Each fill has its own entry with the same quantity and price, written in the same commit (so no later than the fill was recorded).
        var unmatched = await Workload.RowsAsync(Db, """
            SELECT f.id FROM fills f
            WHERE (SELECT COUNT(*) FROM fills g WHERE g.order_id = f.order_id AND g.quantity = f.quantity AND g.price = f.price)
                > (SELECT COUNT(*) FROM execution_log l WHERE l.order_id = f.order_id AND l.action IN ('FILLED', 'PARTIALLY_FILLED')
                     AND l.quantity = f.quantity AND l.price = f.price)
            """);
        Assert.Empty(unmatched);
    }

    [Fact]
    public async Task The_metrics_summary_measures_the_workload()
    {
        var m = await (await Factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/metrics/summary")).JsonAsync();
        var denied = workload.Orders.Count(o => o.Kind == "denied");
        Assert.Equal(2 * TradedWorkload.PerTrader, m.GetProperty("orders_submitted").GetInt64());
        Assert.Equal(100.0, m.GetProperty("execution_reliability").GetProperty("percent").GetDouble());
        Assert.Equal(0, m.GetProperty("duplicates").GetProperty("orders").GetInt64());
        Assert.Equal(1.0, m.GetProperty("audit_completeness").GetProperty("ratio").GetDouble());
        Assert.Equal(await Workload.ScalarAsync(Db, "SELECT COUNT(*) FROM orders o WHERE EXISTS (SELECT 1 FROM fills f WHERE f.order_id = o.id) OR EXISTS (SELECT 1 FROM execution_log l WHERE l.order_id = o.id AND l.action = 'ACKNOWLEDGED')"),
            m.GetProperty("audit_completeness").GetProperty("orders_at_venue").GetInt64());
        var risk = Assert.Single(m.GetProperty("risk_rejections").EnumerateArray());
        Assert.Equal(("SYMBOL_HALTED", (long)denied), (risk.Str("code"), risk.GetProperty("orders").GetInt64()));
        Assert.Equal(await Workload.ScalarAsync(Db, "SELECT COUNT(DISTINCT order_id) FROM execution_log WHERE action IN ('ACKNOWLEDGED', 'PARTIALLY_FILLED', 'FILLED')"),
            m.GetProperty("submit_to_confirm_ms").GetProperty("samples").GetInt64());
        Assert.True(m.GetProperty("submit_to_confirm_ms").GetProperty("p95").GetDouble() >= 0);
        Assert.Equal(workload.Orders.Count, m.GetProperty("orders_by_status").EnumerateArray().Sum(s => s.GetProperty("orders").GetInt64()));
    }

    [Fact]
    public async Task Compliance_pages_through_every_entry_once_and_a_trader_through_only_their_own()
    {
        var all = await Workload.RowsAsync(Db, "SELECT id, trader_id FROM execution_log ORDER BY id");
        Assert.Equal(all.Select(r => (long)r[0]!), await WalkAsync(FillmoreFactory.Compliance, "limit=500"));
        var alices = all.Where(r => (string)r[1]! == "alice").Select(r => (long)r[0]!).ToList();
        Assert.Equal(alices, await WalkAsync(FillmoreFactory.Alice, "limit=137"));
        Assert.Equal(alices, await WalkAsync(FillmoreFactory.Alice, "limit=500&trader_id=bob"));
        Assert.Equal(all.Where(r => (string)r[1]! == "bob").Select(r => (long)r[0]!), await WalkAsync(FillmoreFactory.Compliance, "trader_id=bob&limit=200"));
    }

    [Fact]
    public async Task The_csv_report_lists_every_fill_and_totals_that_match_the_store()
    {
        var csv = await Factory.ClientFor(FillmoreFactory.Compliance).GetStringAsync("/api/v1/reports/executions?from=2026-11-24&to=2026-11-25&format=csv");
        var report = ReportCsv.Parse(csv);
        var fills = await Workload.RowsAsync(Db, "SELECT f.execution_id, f.trader_id, o.symbol, o.side, f.quantity, f.price FROM fills f JOIN orders o ON o.id = f.order_id ORDER BY f.timestamp, f.rowid");
        Assert.True(fills.Count > 200);
        Assert.Equal(fills.Select(f => (string)f[0]!), report.Fills.Select(r => r["execution_id"]));
        foreach (var symbol in Workload.Symbols)
        {
            var mine = fills.Where(f => (string)f[2]! == symbol).ToList();
            var row = report.Totals.Single(t => t["symbol"] == symbol);
            Assert.Equal(mine.Where(f => (string)f[3]! == "BUY").Sum(f => (long)f[4]!).ToString(CultureInfo.InvariantCulture), row["quantity_bought"]);
            Assert.Equal(mine.Where(f => (string)f[3]! == "SELL").Sum(f => (long)f[4]!).ToString(CultureInfo.InvariantCulture), row["quantity_sold"]);
            Assert.Equal(mine.Sum(f => (long)f[4]! * decimal.Parse((string)f[5]!, CultureInfo.InvariantCulture)), decimal.Parse(row["notional"], CultureInfo.InvariantCulture));
        }
        Assert.Equal(fills.Count.ToString(CultureInfo.InvariantCulture), report.Totals.Single(t => t["symbol"] == "TOTAL")["fills"]);

        var alices = ReportCsv.Parse(await Factory.ClientFor(FillmoreFactory.Alice).GetStringAsync("/api/v1/reports/executions?from=2026-11-24&to=2026-11-25&format=csv&trader_id=bob"));
        Assert.Equal(fills.Where(f => (string)f[1]! == "alice").Select(f => (string)f[0]!), alices.Fills.Select(r => r["execution_id"]));
    }

    [Fact]
    public async Task The_pdf_report_spreads_every_fill_over_numbered_pages_with_a_header_on_each_and_totals_at_the_end()
    {
        var response = await Factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/reports/executions?from=2026-11-24&to=2026-11-25&format=pdf");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (response.StatusCode, response.Content.Headers.ContentType!.MediaType));
        var pdf = ReportPdf.Read(await response.Content.ReadAsByteArrayAsync());
        var fills = await Workload.RowsAsync(Db, "SELECT f.execution_id, f.order_id, f.trader_id, o.symbol, o.side, f.quantity FROM fills f JOIN orders o ON o.id = f.order_id ORDER BY f.timestamp, f.rowid");
        Assert.True(pdf.Pages.Count > 3, $"{fills.Count} fills on {pdf.Pages.Count} pages");
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            var page = pdf.Pages[i];
            Assert.Equal("Fillmore execution report", page.Lines[0]);
            Assert.Contains("Trader: all traders", page.Lines[1]);
            Assert.Contains("Requested by: compliance (compliance)", page.Lines[2]);
            Assert.Equal($"Page {i + 1} of {pdf.Pages.Count}", page.Lines[^1][^$"Page {i + 1} of {pdf.Pages.Count}".Length..]);
            Assert.True(page.Rows.Count <= 36);
        }
        var rows = pdf.Pages.SelectMany(p => p.Rows).ToList();
        Assert.Equal(fills.Select(f => ((string)f[1]!, (string)f[2]!, (string)f[3]!, (string)f[4]!, ((long)f[5]!).ToString("#,0", CultureInfo.InvariantCulture))),
            rows.Select(r => (r.OrderId, r.Trader, r.Symbol, r.Side, r.Quantity)));
        Assert.All(pdf.Pages.SkipLast(1), p => Assert.DoesNotContain(p.Lines, l => l.StartsWith("Totals by symbol", StringComparison.Ordinal)));
        var last = pdf.Pages[^1];
        Assert.Contains($"Totals by symbol ({fills.Count} fills)", last.Lines);
        Assert.Contains(last.Lines, l => l.StartsWith($"TOTAL {fills.Count.ToString("#,0", CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
    }

    private async Task<List<long>> WalkAsync(string key, string query)
    {
        var client = Factory.ClientFor(key);
        var ids = new List<long>();
        long? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/audit?{query}{(cursor is { } c ? $"&cursor={c}" : "")}")).JsonAsync();
            ids.AddRange(page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_cursor").GetInt64();
        } while (cursor is not null);
        return ids;
    }

    internal static async Task<(int Exit, string Output, string Error)> RunVerifyAuditAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VerifyAuditCommand.RunAsync(args, output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }
}
