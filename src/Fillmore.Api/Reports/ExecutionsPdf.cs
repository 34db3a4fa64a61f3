// The PDF form of an execution report, written with PdfPig's PdfDocumentBuilder and the
// standard Helvetica fonts (nothing to install): A4 landscape; on every page a header (subject,
// range, who asked, when) and a footer with "Page i of n"; the fills as a table whose column
// header repeats on every page; the totals by symbol at the end, kept on one page when they fit;
// with routing, the routing by venue on page(s) of its own after them.
// Pages are planned before anything is drawn (PdfPagePlan), so every footer knows the page count.
namespace Fillmore.Api.Reports;

using System.Globalization;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

public static class ExecutionsPdf
{
    /// <summary>More fills than this make a PDF too long to read: such a report is refused (use CSV or a shorter
    /// range).</summary>
    public const int MaxFills = 20_000;

    private const double Margin = 36, LineHeight = 12, HeaderGap = 3, BodyTop = 492, BodyBottom = 52;
    private const double TextSize = 8, HeaderSize = 9, TitleSize = 14;

    /// <summary>Lines of table body on one page (column headers included; room is left for two headers'
    /// gaps).</summary>
    public static readonly int LinesPerPage = (int)((BodyTop - BodyBottom - 2 * HeaderGap) / LineHeight) + 1;

    // Column: title, left x, width, right-aligned.
    private static readonly (string Title, double X, double Width, bool Right)[] FillColumns =
    [
        ("Time (UTC)", 36, 100, false), ("Order id", 140, 158, false), ("Trader", 302, 72, false),
        ("Symbol", 378, 44, false), ("Side", 426, 30, false), ("Quantity", 460, 50, true), ("Price", 514, 62, true),
        ("Notional", 580, 76, true), ("Venue", 672, 36, false), ("Commission", 712, 94, true),
    ];

    private static readonly (string Title, double X, double Width, bool Right)[] TotalColumns =
    [
        ("Symbol", 36, 80, false), ("Fills", 120, 60, true), ("Bought", 184, 80, true), ("Sold", 268, 80, true),
        ("Notional", 352, 110, true), ("Commission", 466, 94, true),
    ];

    private static readonly (string Title, double X, double Width, bool Right)[] VenueColumns =
    [
        ("Symbol", 36, 60, false), ("Venue", 100, 70, false), ("Fills", 174, 50, true), ("Quantity", 228, 70, true),
        ("Notional", 302, 100, true), ("Commission", 406, 90, true), ("Routed fills", 500, 70, true),
        ("Price improvement", 574, 110, true),
    ];

    /// <param name="routing">Add the routing by venue (ExecutionTotals.Venues).</param>
    public static byte[] Render(ExecutionReportScope scope, IReadOnlyList<ExecutionRecord> fills,
        ExecutionTotals totals, bool routing = false)
    {
        var totalRows = totals.Symbols.Append(totals.Total).ToList();
        var plan = PdfPagePlan.For(fills.Count, totalRows.Count, LinesPerPage);
        var venueRows = routing ? totals.Venues.Append(totals.VenueTotal).ToList() : [];
        var venuePages = venueRows.Chunk(LinesPerPage - 2).ToList();
        var pageCount = plan.Count + venuePages.Count;
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title =
            $"Fillmore execution report: {Ascii(scope.Subject)}, {ExecutionReportScope.Show(scope.From)} to "
                + $"{ExecutionReportScope.Show(scope.To)}";
        builder.DocumentInformation.Creator = "Fillmore";
        var fonts = new Fonts(builder.AddStandard14Font(Standard14Font.Helvetica),
            builder.AddStandard14Font(Standard14Font.HelveticaBold));
        for (var i = 0; i < plan.Count; i++)
        {
            var page = builder.AddPage(PageSize.A4, isPortrait: false);
            DrawFrame(page, fonts, scope, i + 1, pageCount);
            var y = BodyTop;
            var p = plan[i];
            if (fills.Count == 0 && i == 0)
                y = Line(page, fonts.Regular, y,
                    $"No fills between {ExecutionReportScope.Show(scope.From)} and "
                        + $"{ExecutionReportScope.Show(scope.To)} (UTC).");
            if (p.FillCount > 0) y = DrawFills(page, fonts, y, fills.Skip(p.FirstFill).Take(p.FillCount));
            if (p.TotalCount > 0)
                DrawTotals(page, fonts, p.FillCount > 0 ? y - LineHeight : y, p.FirstTotal == 0, fills.Count,
                    totalRows.Skip(p.FirstTotal).Take(p.TotalCount));
        }
        for (var i = 0; i < venuePages.Count; i++)
        {
            var page = builder.AddPage(PageSize.A4, isPortrait: false);
            DrawFrame(page, fonts, scope, plan.Count + i + 1, pageCount);
            DrawVenues(page, fonts, i == 0, venuePages[i]);
        }
        return builder.Build();
    }

    private static void DrawVenues(PdfPageBuilder page, Fonts fonts, bool first, IEnumerable<VenueTotals> rows)
    {
        page.AddText(first ? "Routing by venue (price improvement against the best single venue's quote when SMART "
            + "chose)" : "Routing by venue (continued)", HeaderSize, new PdfPoint(Margin, BodyTop), fonts.Bold);
        var y = Row(page, fonts.Bold, BodyTop - LineHeight, VenueColumns, VenueColumns.Select(c => c.Title).ToArray(),
            underline: true);
        foreach (var v in rows)
            y = Row(page, v.Symbol == ExecutionTotals.AllSymbols ? fonts.Bold : fonts.Regular, y, VenueColumns,
                [v.Symbol, Fit(Ascii(v.Venue), 12), Quantity(v.Fills), Quantity(v.Quantity), Money(v.Notional),
                    Money(v.Commission), Quantity(v.RoutedFills), Price(v.PriceImprovement)]);
    }

    private sealed record Fonts(PdfDocumentBuilder.AddedFont Regular, PdfDocumentBuilder.AddedFont Bold);

    private static void DrawFrame(PdfPageBuilder page, Fonts fonts, ExecutionReportScope scope, int number, int count)
    {
        var top = page.PageSize.Height - Margin;
        var right = page.PageSize.Width - Margin;
        page.AddText("Fillmore execution report", TitleSize, new PdfPoint(Margin, top - TitleSize), fonts.Bold);
        page.AddText($"Trader: {Ascii(scope.Subject)}    Fills from {ExecutionReportScope.Show(scope.From)} to "
            + $"{ExecutionReportScope.Show(scope.To)} UTC (end excluded)",
            HeaderSize, new PdfPoint(Margin, top - TitleSize - 16), fonts.Regular);
        page.AddText($"Requested by: {Ascii(scope.RequestedBy)} ({Ascii(scope.RequestedRole)})    Generated: "
            + $"{scope.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
            HeaderSize, new PdfPoint(Margin, top - TitleSize - 28), fonts.Regular);
        page.DrawLine(new PdfPoint(Margin, top - TitleSize - 36), new PdfPoint(right, top - TitleSize - 36), 0.75);
        page.DrawLine(new PdfPoint(Margin, Margin), new PdfPoint(right, Margin), 0.5);
        page.AddText($"{Ascii(scope.Subject)}, {ExecutionReportScope.Show(scope.From)} to "
            + $"{ExecutionReportScope.Show(scope.To)} UTC", TextSize,
            new PdfPoint(Margin, Margin - 12), fonts.Regular);
        Right(page, fonts.Regular, TextSize, $"Page {number} of {count}", right, Margin - 12);
    }

    private static double DrawFills(PdfPageBuilder page, Fonts fonts, double y, IEnumerable<ExecutionRecord> rows)
    {
        y = Row(page, fonts.Bold, y, FillColumns, FillColumns.Select(c => c.Title).ToArray(), underline: true);
        foreach (var r in rows)
            y = Row(page, fonts.Regular, y, FillColumns,
            [
                r.Fill.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                r.Fill.OrderId.ToString(), Fit(Ascii(r.Fill.TraderId.Value), 14), r.Symbol.Value, ApiNames.Of(r.Side),
                Quantity(r.Fill.Quantity), Price(r.Fill.Price), Money(r.Notional), Fit(Ascii(r.Fill.Venue), 8),
                Money(r.Fill.Commission),
            ]);
        return y;
    }

    private static void DrawTotals(PdfPageBuilder page, Fonts fonts, double y, bool first, int fillCount,
        IEnumerable<SymbolTotals> rows)
    {
        var title = first ? $"Totals by symbol ({fillCount} fill{(fillCount == 1 ? "" : "s")})"
            : "Totals by symbol (continued)";
        page.AddText(title, HeaderSize, new PdfPoint(Margin, y), fonts.Bold);
        y = Row(page, fonts.Bold, y - LineHeight, TotalColumns, TotalColumns.Select(c => c.Title).ToArray(),
            underline: true);
        foreach (var s in rows)
            y = Row(page, s.Symbol == ExecutionTotals.AllSymbols ? fonts.Bold : fonts.Regular, y, TotalColumns,
                [s.Symbol, Quantity(s.Fills), Quantity(s.QuantityBought), Quantity(s.QuantitySold), Money(s.Notional),
                    Money(s.Commission)]);
    }

    private static double Row(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, double y,
        (string Title, double X, double Width, bool Right)[] columns, string[] cells, bool underline = false)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var c = columns[i];
            if (c.Right) Right(page, font, TextSize, cells[i], c.X + c.Width, y);
            else page.AddText(cells[i], TextSize, new PdfPoint(c.X, y), font);
        }
        if (!underline) return y - LineHeight;
        // A column header: ruled, with a little air before the first row.
        page.DrawLine(new PdfPoint(Margin, y - 3.5), new PdfPoint(columns[^1].X + columns[^1].Width, y - 3.5), 0.5);
        return y - LineHeight - HeaderGap;
    }

    private static double Line(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, double y, string text)
    {
        page.AddText(Ascii(text), HeaderSize, new PdfPoint(Margin, y), font);
        return y - 2 * LineHeight;
    }

    private static void Right(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, double size, string text,
        double right, double y)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, y), font);
        var width = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        page.AddText(text, size, new PdfPoint(right - width, y), font);
    }

    private static string Quantity(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
    private static string Money(decimal d) => d.ToString("#,0.00", CultureInfo.InvariantCulture);
    // At least cents; more places only when the price has them (a sub-penny price is never rounded away).
    private static string Price(decimal d) => d.ToString("#,0.00######", CultureInfo.InvariantCulture);

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 2)] + "..";

    // The standard fonts cover printable ASCII here; anything else becomes '?' rather than failing the report.
    private static string Ascii(string text) => new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
