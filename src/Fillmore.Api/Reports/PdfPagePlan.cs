// Splits a report's lines into pages before anything is drawn. A page holds a fixed number of
// lines; the fills table takes one line for its column header on every page it appears on; the
// totals take a blank line (after fills on the same page), a title and a column header, and stay
// on one page when they fit on one, starting a new page rather than splitting. A report with no
// fills still has one page (it says so, and shows zero totals).
namespace Fillmore.Api.Reports;

public sealed record PdfPagePlan(int FirstFill, int FillCount, int FirstTotal, int TotalCount)
{
    public static IReadOnlyList<PdfPagePlan> For(int fills, int totalRows, int linesPerPage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerPage, 6);
        var pages = new List<PdfPagePlan>();
        var (fill, total) = (0, 0);
        while (fill < fills || total < totalRows || pages.Count == 0)
        {
            var lines = linesPerPage - (fills == 0 && pages.Count == 0 ? 2 : 0);   // "no fills" note
            var fillCount = Math.Min(fills - fill, lines - 1);
            if (fillCount > 0) lines -= 1 + fillCount;
            var overhead = (fillCount > 0 ? 1 : 0) + 2;
            var left = totalRows - total;
            var fitsHere = fill + fillCount == fills && lines - overhead >= Math.Min(left, linesPerPage - 2);
            var totalCount = fitsHere ? Math.Min(left, lines - overhead) : 0;
            pages.Add(new PdfPagePlan(fill, Math.Max(fillCount, 0), total, totalCount));
            (fill, total) = (fill + Math.Max(fillCount, 0), total + totalCount);
        }
        return pages;
    }
}
