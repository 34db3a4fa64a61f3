// A latency-distribution chart (SVG): the cumulative distribution of each measured latency on a
// logarithmic time axis, so p50, p99 and the tail read off one picture.
namespace Fillmore.Bench;

using System.Globalization;
using System.Text;

public static class Chart
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    public static string Cdf(string title, IReadOnlyList<(string Name, double[] SortedMs)> series)
    {
        const int W = 900, H = 480, L = 70, R = 220, T = 40, B = 50;
        var all = series.SelectMany(s => s.SortedMs).Where(v => v > 0).ToList();
        var (lo, hi) = (Math.Log10(Math.Max(0.01, all.Min())), Math.Log10(all.Max()));
        (lo, hi) = (Math.Floor(lo), Math.Ceiling(hi));
        double X(double ms) => L + (Math.Log10(Math.Max(ms, 1e-3)) - lo) / (hi - lo) * (W - L - R);
        double Y(double q) => T + (1 - q) * (H - T - B);
        var svg = new StringBuilder($"<svg xmlns='http://www.w3.org/2000/svg' width='{W}' height='{H}' font-family='sans-serif' font-size='12'>");
        svg.Append($"<rect width='{W}' height='{H}' fill='white'/><text x='{L}' y='24' font-size='15'>{title}</text>");
        for (var d = lo; d <= hi; d++)
            svg.Append(F($"<line x1='{X(Math.Pow(10, d))}' y1='{T}' x2='{X(Math.Pow(10, d))}' y2='{H - B}' stroke='#ddd'/><text x='{X(Math.Pow(10, d)) - 12}' y='{H - B + 16}'>{Math.Pow(10, d)} ms</text>"));
        foreach (var q in new[] { 0.5, 0.95, 0.99 })
            svg.Append(F($"<line x1='{L}' y1='{Y(q)}' x2='{W - R}' y2='{Y(q)}' stroke='#eee'/><text x='{L - 40}' y='{Y(q) + 4}'>p{q * 100}</text>"));
        for (var i = 0; i < series.Count; i++)
        {
            var (name, values) = series[i];
            var points = string.Join(' ', values.Select((v, k) => F($"{X(v):0.0},{Y((k + 1.0) / values.Length):0.0}")));
            svg.Append($"<polyline fill='none' stroke='{Colours[i % Colours.Length]}' stroke-width='2' points='{points}'/>");
            svg.Append(F($"<rect x='{W - R + 15}' y='{T + 20 * i}' width='12' height='12' fill='{Colours[i % Colours.Length]}'/><text x='{W - R + 32}' y='{T + 20 * i + 10}'>{name}</text>"));
        }
        svg.Append(F($"<text x='{(W - R + L) / 2 - 60}' y='{H - 12}'>latency (log scale)</text></svg>"));
        return svg.ToString();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
