// GET /api/v1/reports/executions on a few known fills: exact CSV content and layout, the PDF's
// table and totals, an empty range, parameter problems, and the PDF size cap.
namespace Fillmore.Api.Tests;

using System.Globalization;
using System.Net;
using Fillmore.Api.Reports;

public sealed class ExecutionReportTests : IDisposable
{
    private const string Day = "/api/v1/reports/executions?from=2026-11-24&to=2026-11-25";
    private readonly FillmoreFactory _factory = new();

    private async Task<List<System.Text.Json.JsonElement>> TradeAsync()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var orders = new List<System.Text.Json.JsonElement>();
        foreach (var (symbol, side, quantity) in new[] { ("AAPL", "BUY", 10), ("AAPL", "SELL", 4), ("MSFT", "BUY", 3) })
        {
            var id = (await (await alice.SubmitAsync(new { symbol, side, quantity, order_type = "MARKET" })).JsonAsync()).Id();
            orders.Add(await alice.WaitForStatusAsync(id, "FILLED"));
            _factory.Time.Advance(TimeSpan.FromSeconds(1));
        }
        return orders;
    }

    [Fact]
    public async Task The_csv_has_a_row_per_fill_then_totals_per_symbol_after_an_empty_line()
    {
        var orders = await TradeAsync();
        var response = await _factory.ClientFor(FillmoreFactory.Alice).GetAsync(Day + "&format=csv");
        Assert.Equal(("text/csv", "executions-alice-20261124-20261125.csv"),
            (response.Content.Headers.ContentType!.MediaType, response.Content.Headers.ContentDisposition!.FileName));
        var text = await response.Content.ReadAsStringAsync();
        var csv = ReportCsv.Parse(text);
        Assert.Equal(ExecutionsCsv.FillColumns, csv.FillHeader);
        Assert.Equal(ExecutionsCsv.TotalColumns, csv.TotalHeader);
        Assert.Equal(orders.Select(o => o.Id()), csv.Fills.Select(r => r["order_id"]));
        for (var i = 0; i < orders.Count; i++)
        {
            var fill = orders[i].GetProperty("fills")[0];
            var row = csv.Fills[i];
            Assert.Equal((orders[i].Str("symbol"), orders[i].Str("side"), "alice", "SIM"), (row["symbol"], row["side"], row["trader_id"], row["venue"]));
            Assert.Equal((fill.GetProperty("quantity_filled").GetInt64(), fill.GetProperty("price_at_fill").GetDecimal(), fill.GetProperty("commission").GetDecimal()),
                (long.Parse(row["quantity"], CultureInfo.InvariantCulture), decimal.Parse(row["price"], CultureInfo.InvariantCulture), decimal.Parse(row["commission"], CultureInfo.InvariantCulture)));
            Assert.Equal(fill.GetProperty("timestamp").GetDateTime(), DateTime.Parse(row["time"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
            Assert.Equal(fill.Str("execution_id"), row["execution_id"]);
        }
        Assert.Equal(["AAPL", "MSFT", "TOTAL"], csv.Totals.Select(t => t["symbol"]));
        Assert.Equal(("2", "10", "4"), (csv.Totals[0]["fills"], csv.Totals[0]["quantity_bought"], csv.Totals[0]["quantity_sold"]));
        Assert.Equal(csv.Fills.Sum(r => decimal.Parse(r["notional"], CultureInfo.InvariantCulture)), decimal.Parse(csv.Totals[2]["notional"], CultureInfo.InvariantCulture));
        Assert.Equal("3", csv.Totals[2]["commission"]);
        Assert.EndsWith("\r\n", text);
    }

    [Fact]
    public async Task The_pdf_has_the_same_fills_and_totals()
    {
        var orders = await TradeAsync();
        var response = await _factory.ClientFor(FillmoreFactory.Alice).GetAsync(Day + "&format=pdf");
        Assert.Equal("executions-alice-20261124-20261125.pdf", response.Content.Headers.ContentDisposition!.FileName);
        var page = Assert.Single(ReportPdf.Read(await response.Content.ReadAsByteArrayAsync()).Pages);
        Assert.Equal("Fillmore execution report", page.Lines[0]);
        Assert.Equal("Trader: alice Fills from 2026-11-24 00:00:00 to 2026-11-25 00:00:00 UTC (end excluded)", page.Lines[1]);
        Assert.Equal("Requested by: alice (trader) Generated: 2026-11-24 14:30:03 UTC", page.Lines[2]);
        Assert.Equal("Time (UTC) Order id Trader Symbol Side Quantity Price Notional Venue Commission", page.Lines[3]);
        Assert.Equal(orders.Select(o => (o.Id(), o.Str("symbol"), o.Str("side"), o.GetProperty("quantity").GetInt64().ToString(CultureInfo.InvariantCulture),
                o.GetProperty("average_fill_price").GetDecimal().ToString("#,0.00######", CultureInfo.InvariantCulture))),
            page.Rows.Select(r => (r.OrderId, r.Symbol, r.Side, r.Quantity, r.Price)));
        Assert.Equal(["2026-11-24 14:30:00.000", "2026-11-24 14:30:01.000", "2026-11-24 14:30:02.000"], page.Rows.Select(r => r.Time));
        Assert.Contains("Totals by symbol (3 fills)", page.Lines);
        Assert.Contains(page.Lines, l => l.StartsWith("AAPL 2 10 4 ", StringComparison.Ordinal));
        Assert.Contains(page.Lines, l => l.StartsWith("TOTAL 3 13 4 ", StringComparison.Ordinal) && l.EndsWith(" 3.00", StringComparison.Ordinal));
        Assert.EndsWith("Page 1 of 1", page.Lines[^1]);
    }

    [Fact]
    public async Task An_empty_range_gives_a_report_that_says_so()
    {
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        var csv = ReportCsv.Parse(await compliance.GetStringAsync("/api/v1/reports/executions?from=2026-01-01&to=2026-02-01"));
        Assert.Empty(csv.Fills);
        Assert.Equal([("TOTAL", "0", "0")], csv.Totals.Select(t => (t["symbol"], t["fills"], t["notional"])));
        var page = Assert.Single(ReportPdf.Read(await compliance.GetByteArrayAsync("/api/v1/reports/executions?from=2026-01-01&to=2026-02-01&format=PDF")).Pages);
        Assert.Contains("No fills between 2026-01-01 00:00:00 and 2026-02-01 00:00:00 (UTC).", page.Lines);
        Assert.Contains("Trader: all traders", page.Lines[1]);
        Assert.Contains(page.Lines, l => l.StartsWith("TOTAL 0 0 0 0.00 0.00", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "from:FROM_REQUIRED,to:TO_REQUIRED")]
    [InlineData("?from=2026-11-24", "to:TO_REQUIRED")]
    [InlineData("?from=2026-11-24&to=2026-11-24", "to:RANGE_INVALID")]
    [InlineData("?from=24.11.2026&to=2026-11-25&format=xlsx", "from:FROM_INVALID,format:FORMAT_INVALID")]
    [InlineData("?from=2026-11-24&to=2026-11-25&trader_id=", "trader_id:TRADER_ID_INVALID")]
    public async Task Bad_parameters_are_a_400_naming_each(string query, string expected)
    {
        var response = await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/reports/executions" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => $"{e.Str("field")}:{e.Str("code")}");
        Assert.Equal(expected, string.Join(",", errors));
    }

    [Fact]
    public async Task A_pdf_of_more_fills_than_a_person_can_read_is_refused_but_the_csv_streams()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(order, "FILLED");
        var extra = ExecutionsPdf.MaxFills;
        await Workload.ExecuteAsync(_factory.DatabasePath, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {extra})
            INSERT INTO fills (id, order_id, order_row, trader_id, execution_id, quantity, price, venue, commission, timestamp, recorded_at)
            SELECT printf('00000000-0000-4000-8000-%012d', i), '{order}', (SELECT row_no FROM orders WHERE id = '{order}'), 'alice', 'BULK-' || i, 1, '190.5', 'SIM', '0.01', '2026-11-24T15:00:00.0000000Z', '2026-11-24T15:00:00.0000000Z'
            FROM n
            """);
        var pdf = await alice.GetAsync(Day + "&format=pdf");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pdf.StatusCode);
        Assert.Equal("REPORT_TOO_LARGE", (await pdf.JsonAsync()).Str("code"));
        var csv = ReportCsv.Parse(await alice.GetStringAsync(Day));
        Assert.Equal(extra + 1, csv.Fills.Count);
        Assert.Equal((extra + 1).ToString(CultureInfo.InvariantCulture), csv.Totals[^1]["fills"]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(33, 5)]
    [InlineData(34, 5)]
    [InlineData(36, 5)]
    [InlineData(200, 9)]
    [InlineData(5, 60)]
    public void Pages_never_overflow_and_keep_the_totals_together_when_they_fit(int fills, int totalRows)
    {
        var lines = ExecutionsPdf.LinesPerPage;
        var plan = PdfPagePlan.For(fills, totalRows, lines);
        Assert.Equal(fills, plan.Sum(p => p.FillCount));
        Assert.Equal(totalRows, plan.Sum(p => p.TotalCount));
        Assert.Equal(Enumerable.Range(0, fills).ToList(), plan.SelectMany(p => Enumerable.Range(p.FirstFill, p.FillCount)).ToList());
        foreach (var p in plan)
        {
            var used = (p.FillCount > 0 ? 1 + p.FillCount : 0) + (p.TotalCount > 0 ? 2 + p.TotalCount + (p.FillCount > 0 ? 1 : 0) : 0);
            Assert.True(used <= lines, $"{used} lines on a page of {lines}");
        }
        if (totalRows <= lines - 2) Assert.Single(plan, p => p.TotalCount > 0);
        Assert.True(plan.SkipWhile(p => p.TotalCount == 0).All(p => p.TotalCount > 0), "totals are contiguous at the end");
    }

    public void Dispose() => _factory.Dispose();
}
