// The CSV form of an execution report (docs/reports.md), written with CsvHelper:
//   section 1: a header row, then one row per fill in time order;
//   an empty line;
//   section 2: a header row, then one row per symbol and a last row whose symbol is TOTAL;
//   with routing: an empty line, then section 3, one row per symbol and venue and a TOTAL row.
// Numbers are invariant decimals as stored (no rounding, no thousands separators); times are ISO
// 8601 UTC. Text that a spreadsheet would run as a formula (= + - @ first) is prefixed with '.
// Rows are formatted into a buffer and sent a page at a time, because the response body only
// takes asynchronous writes.
namespace Fillmore.Api.Reports;

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class ExecutionsCsv
{
    public static readonly string[] FillColumns =
        ["time", "order_id", "trader_id", "symbol", "side", "quantity", "price", "notional", "venue", "commission",
            "execution_id"];

    public static readonly string[] TotalColumns = ["symbol", "fills", "quantity_bought", "quantity_sold", "notional",
        "commission"];

    public static readonly string[] VenueColumns = ["symbol", "venue", "fills", "quantity", "notional", "commission",
        "routed_fills", "price_improvement"];

    private const int RowsPerFlush = 500;

    /// <param name="routing">Where routed fills' benchmarks come from; null: no routing section.</param>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ExecutionRecord> fills, ExecutionTotals totals,
        RoutingBenchmarks? routing, CancellationToken ct)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        using var csv = new CsvWriter(buffer, new CsvConfiguration(CultureInfo.InvariantCulture));
        WriteRow(csv, FillColumns);
        var rows = 0;
        await foreach (var r in fills.WithCancellation(ct))
        {
            if (routing is null) totals.Add(r);
            else totals.Add(r, await routing.ForAsync(r, ct));
            WriteRow(csv, [AuditChain.FormatTimestamp(r.Fill.Timestamp), r.Fill.OrderId.ToString(),
                Text(r.Fill.TraderId.Value), r.Symbol.Value, ApiNames.Of(r.Side), Number(r.Fill.Quantity),
                Number(r.Fill.Price), Number(r.Notional), Text(r.Fill.Venue), Number(r.Fill.Commission),
                Text(r.Fill.ExecutionId)]);
            if (++rows % RowsPerFlush == 0) await SendAsync(csv, buffer, writer, ct);
        }
        csv.NextRecord();
        WriteRow(csv, TotalColumns);
        foreach (var s in totals.Symbols.Append(totals.Total))
            WriteRow(csv,
                [s.Symbol, Number(s.Fills), Number(s.QuantityBought), Number(s.QuantitySold), Number(s.Notional),
                    Number(s.Commission)]);
        if (routing is not null) WriteVenues(csv, totals);
        await SendAsync(csv, buffer, writer, ct);
    }

    private static void WriteVenues(CsvWriter csv, ExecutionTotals totals)
    {
        csv.NextRecord();
        WriteRow(csv, VenueColumns);
        foreach (var v in totals.Venues.Append(totals.VenueTotal))
            WriteRow(csv, [v.Symbol, Text(v.Venue), Number(v.Fills), Number(v.Quantity), Number(v.Notional),
                Number(v.Commission), Number(v.RoutedFills), Number(v.PriceImprovement)]);
    }

    private static void WriteRow(CsvWriter csv, IEnumerable<string> fields)
    {
        foreach (var field in fields) csv.WriteField(field);
        csv.NextRecord();
    }

    private static async Task SendAsync(CsvWriter csv, StringWriter buffer, StreamWriter writer, CancellationToken ct)
    {
        csv.Flush();
        await writer.WriteAsync(buffer.GetStringBuilder(), ct);
        await writer.FlushAsync(ct);
        buffer.GetStringBuilder().Clear();
    }

    private static string Number(decimal d) => AuditChain.FormatDecimal(d);
    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    // CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
    private static string Text(string s) =>
        s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;
}
