// Reads query-string parameters as text and collects every problem at once, so a request with
// three bad parameters gets one 400 naming all three (each with a stable code and a fix) instead
// of the framework's bare 400 for a value that does not bind. Times are ISO 8601: a date
// (midnight UTC), or a date and time with an optional fraction and offset (none means UTC).
namespace Fillmore.Api.Endpoints;

using System.Globalization;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

internal sealed class QueryParameters
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private readonly List<RuleViolation> _errors = [];

    public IReadOnlyList<RuleViolation> Errors => _errors;

    /// <summary>The 400 for everything found so far, or null when every parameter is valid.</summary>
    public IResult? Problem => _errors.Count == 0 ? null : Problems.Invalid(_errors, "query");

    public void Add(string field, string code, string message, string suggestion) =>
        _errors.Add(new(field, code, message, suggestion));

    public TraderId? Trader(string? text)
    {
        if (text is null) return null;
        if (!string.IsNullOrWhiteSpace(text) && text.Length <= 64) return new TraderId(text.Trim());
        Add("trader_id", ReasonCodes.TraderIdInvalid, $"'{text}' is not a trader id.",
            "Use the trader's user name, e.g. alice, or leave trader_id out for every trader.");
        return null;
    }

    public Symbol? Symbol(string? text)
    {
        if (text is null) return null;
        if (Core.Orders.Symbol.TryCreate(text, out var symbol)) return symbol;
        Add("symbol", ReasonCodes.SymbolInvalid, $"'{text}' is not a valid symbol.", "Use a ticker such as AAPL.");
        return null;
    }

    public OrderId? Order(string? text)
    {
        if (text is null) return null;
        if (OrderId.TryParse(text, out var id)) return id;
        Add("order_id", ReasonCodes.OrderIdInvalid, $"'{text}' is not an order id.",
            "Use the id returned when the order was submitted, e.g. 3f2b8c1e-6d1a-4c5e-9f0a-2b7d4e8c1a90.");
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string code, string? text) where TEnum : struct, Enum
    {
        if (text is null) return null;
        if (ApiNames.TryParse<TEnum>(text, out var value)) return value;
        Add(field, code, $"'{text}' is not a valid {field}.",
            $"Use one of {string.Join(", ", ApiNames.AllOf<TEnum>())}.");
        return null;
    }

    public DateTimeOffset? Time(string field, string? text, bool required = false)
    {
        var code = field.ToUpperInvariant() + "_INVALID";
        if (text is null)
        {
            if (required)
                Add(field, field.ToUpperInvariant() + "_REQUIRED", $"{field} is required.",
                    $"Add {field}=<ISO 8601 date or time>, e.g. {field}=2026-11-24.");
            return null;
        }
        // An unencoded '+' in a query string arrives as a space: "T10:00:00 01:00" meant "+01:00".
        var iso = text.Trim().Replace(' ', '+');
        if (DateTimeOffset.TryParseExact(iso, TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        Add(field, code, $"'{text}' is not an ISO 8601 date or time.",
            $"Use e.g. {field}=2026-11-24 or {field}=2026-11-24T14:30:00Z (write a + offset as %2B).");
        return null;
    }

    /// <summary>Checks that from is before to when both are given.</summary>
    public void Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f && to is { } t && f >= t)
            Add("to", ReasonCodes.RangeInvalid, $"to ({Iso(t)}) must be after from ({Iso(f)}); to is exclusive.",
                "Swap them, or widen the range: from=2026-11-24&to=2026-11-25 covers all of 24 November (UTC).");
    }

    public long Cursor(string? text)
    {
        if (text is null) return 0;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor)) return cursor;
        Add("cursor", ReasonCodes.CursorInvalid, $"'{text}' is not a cursor.",
            "Use the next_cursor of the previous page, or leave cursor out for the first page.");
        return 0;
    }

    public int Limit(string? text, int defaultLimit, int max)
    {
        if (text is null) return defaultLimit;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1
            && limit <= max) return limit;
        Add("limit", ReasonCodes.LimitOutOfRange, $"limit must be a whole number from 1 to {max}; it is '{text}'.",
            $"Use a limit of at most {max} and page with cursor.");
        return defaultLimit;
    }

    public static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
