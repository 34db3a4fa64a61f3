// Reads a reference-price file: CSV with a header row naming at least symbol, bid, ask, last (and
// optionally name, tick_size, status, timestamp; '#' lines are comments), or a JSON array of
// objects with the same names. The whole file is refused, with the line and the reason, if any row
// is wrong (a half-written file must not replace good prices with some of them).
namespace Fillmore.Venues.MarketData;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class ReferencePriceParser
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<ReferencePrice> Parse(string path, string text)
    {
        var rows = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? JsonSerializer.Deserialize<List<ReferencePrice>>(text, Json)
                ?? throw new FormatException("the file holds no array")
            : ParseCsv(text);
        for (var i = 0; i < rows.Count; i++)
            if (Problem(rows[i]) is { } problem)
                throw new FormatException($"row {i + 1} ({rows[i].Symbol}): {problem}");
        if (rows.Select(r => r.Symbol.ToUpperInvariant()).Distinct().Count() != rows.Count)
            throw new FormatException("a symbol appears twice");
        return rows;
    }

    private static string? Problem(ReferencePrice row) =>
        !Symbol.TryCreate(row.Symbol, out _) ? "not a valid symbol"
        : row.Bid <= 0 || row.Ask <= 0 || row.Last <= 0 ? "bid, ask and last must be positive"
        : row.Ask < row.Bid ? "ask is below bid"
        : row.TickSize is <= 0 ? "tick_size must be positive"
        : null;

    private static List<ReferencePrice> ParseCsv(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0) throw new FormatException("the file is empty");
        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var needed in new[] { "symbol", "bid", "ask", "last" })
            if (!header.Contains(needed)) throw new FormatException($"the header has no '{needed}' column");
        return lines.Skip(1).Select((line, i) => Row(header, line.Split(',').Select(c => c.Trim()).ToList(), i + 2))
            .ToList();
    }

    private static ReferencePrice Row(List<string> header, List<string> cells, int line)
    {
        if (cells.Count != header.Count)
            throw new FormatException($"line {line} has {cells.Count} cells, the header {header.Count}");
        string? Cell(string name) => header.IndexOf(name) is var i and >= 0 && cells[i].Length > 0 ? cells[i] : null;
        decimal Number(string name) =>
            decimal.TryParse(Cell(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
            : throw new FormatException($"line {line}: '{name}' is not a number");
        return new ReferencePrice(Cell("symbol") ?? "", Number("bid"), Number("ask"), Number("last"), Cell("name"),
            Cell("tick_size") is null ? null : Number("tick_size"),
            Cell("status") is { } s ? (ApiNames.TryParse<InstrumentStatus>(s, out var status) ? status
                : throw new FormatException($"line {line}: status '{s}' is not ACTIVE, HALTED or DELISTED")) : null,
            Cell("timestamp") is { } t
                ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null);
    }
}
