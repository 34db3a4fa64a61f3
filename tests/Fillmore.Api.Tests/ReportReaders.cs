// Reads execution reports back the way a person's tools would: the CSV with CsvHelper (two
// sections split at the empty line), the PDF with PdfPig (text lines rebuilt from the letters'
// positions, table rows recognised by their shape).
namespace Fillmore.Api.Tests;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using UglyToad.PdfPig;

public sealed record ReportCsv(IReadOnlyList<string> FillHeader, IReadOnlyList<Dictionary<string, string>> Fills,
    IReadOnlyList<string> TotalHeader, IReadOnlyList<Dictionary<string, string>> Totals)
{
    public static ReportCsv Parse(string text)
    {
        var sections = text.Split("\r\n\r\n");
        Assert.Equal(2, sections.Length);
        var (fillHeader, fills) = Section(sections[0]);
        var (totalHeader, totals) = Section(sections[1]);
        return new ReportCsv(fillHeader, fills, totalHeader, totals);
    }

    private static (string[], List<Dictionary<string, string>>) Section(string text)
    {
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(header.ToDictionary(h => h, h => csv.GetField(h)!));
        return (header, rows);
    }
}

public sealed record PdfRow(string Time, string OrderId, string Trader, string Symbol, string Side, string Quantity, string Price, string Notional,
    string Venue, string Commission);

public sealed record PdfPageText(IReadOnlyList<string> Lines, IReadOnlyList<PdfRow> Rows);

public sealed partial record ReportPdf(IReadOnlyList<PdfPageText> Pages)
{
    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) ([0-9a-f-]{36}) (\S+) (\S+) (BUY|SELL) ([\d,]+) ([\d,.]+) ([\d,.]+) (\S+) ([\d,.]+)$")]
    private static partial Regex RowShape();

    public static ReportPdf Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return new ReportPdf(document.GetPages().Select(page =>
        {
            var lines = page.Letters
                .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
                .OrderByDescending(g => g.Key)
                .Select(g => LineText(g.OrderBy(l => l.StartBaseLine.X).ToList()))
                .ToList();
            var rows = lines.Select(l => RowShape().Match(l)).Where(m => m.Success)
                .Select(m => new PdfRow(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value,
                    m.Groups[6].Value, m.Groups[7].Value, m.Groups[8].Value, m.Groups[9].Value, m.Groups[10].Value))
                .ToList();
            return new PdfPageText(lines, rows);
        }).ToList());
    }

    // Letters further apart than a space's width belong to different words (table columns).
    private static string LineText(List<UglyToad.PdfPig.Content.Letter> letters)
    {
        var text = new StringBuilder();
        for (var i = 0; i < letters.Count; i++)
        {
            if (i > 0 && letters[i].StartBaseLine.X - letters[i - 1].EndBaseLine.X > 1.5) text.Append(' ');
            text.Append(letters[i].Value);
        }
        return Regex.Replace(text.ToString(), " +", " ").Trim();
    }
}
