// Reads query-string parameters as text and collects every problem at once, so a request with
// three bad parameters gets one 400 naming all three (each with a stable code and a fix) instead
// of the framework's bare 400 (or a 500) for a value that does not bind. Every route that reads
// its query reads it here, and names the parameters it takes: any other one (a filter the route
// does not have, a misspelt name) is refused with UNKNOWN_FIELD rather than ignored, and one sent
// twice with DUPLICATE_FIELD rather than read as "a,b". One problem per parameter: the first.
// Times are ISO 8601: a date (midnight UTC), or a date and time with an optional fraction and
// offset (none means UTC).
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

    /// <summary>The longest trader id (a user name) Fillmore takes.</summary>
    public const int MaxTraderIdLength = 64;

    /// <summary>Accepted by every route: the credentials of clients that cannot set headers (WebSockets).</summary>
    private const string AccessToken = "access_token";

    private readonly List<RuleViolation> _errors = [];

    /// <param name="request">Its query is checked for parameters the route does not take.</param>
    /// <param name="accepted">The parameters the route reads.</param>
    public QueryParameters(HttpRequest request, params string[] accepted)
    {
        foreach (var (name, values) in request.Query)
        {
            if (string.Equals(name, AccessToken, StringComparison.OrdinalIgnoreCase)) continue;
            var shown = FieldNames.Shown(name);
            var known = accepted.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                var closest = FieldNames.Closest(name, accepted);
                Add(shown, ReasonCodes.UnknownField, $"The query parameter '{shown}' is not one this route takes.",
                    closest is not null ? $"Did you mean '{closest}'? Rename '{shown}' to '{closest}'."
                        : $"Remove '{shown}'. The accepted parameters are {string.Join(", ", accepted)}.");
            }
            else if (values.Count > 1)
                Add(known, ReasonCodes.DuplicateField, $"The query parameter '{known}' is sent {values.Count} times.",
                    $"Send '{known}' once, with the value you mean: Fillmore does not pick one of them for you.");
        }
    }

    public IReadOnlyList<RuleViolation> Errors => _errors;

    /// <summary>The 400 for everything found so far, or null when every parameter is valid.</summary>
    public IResult? Problem => _errors.Count == 0 ? null : Problems.Invalid(_errors, "query");

    /// <summary>As <see cref="Problem"/>, under a code a route published before the per-parameter codes.</summary>
    public IResult? ProblemAs(string code) => _errors.Count == 0 ? null : Problems.Invalid(_errors, "query", code);

    public void Add(string field, string code, string message, string suggestion)
    {
        if (_errors.Any(e => e.Field == field)) return;
        _errors.Add(new(field, code, message, suggestion));
    }

    /// <summary>1 to 64 printable characters, not only spaces: a user name.</summary>
    public static bool IsTraderId(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= MaxTraderIdLength && !text.Any(char.IsControl);

    public TraderId? Trader(string? text)
    {
        if (text is null) return null;
        if (IsTraderId(text)) return new TraderId(text.Trim());
        Add("trader_id", ReasonCodes.TraderIdInvalid, $"'{Shown(text)}' is not a trader id.",
            $"Use the trader's user name (1 to {MaxTraderIdLength} characters), e.g. alice, "
                + "or leave trader_id out for every trader.");
        return null;
    }

    public Symbol? Symbol(string? text)
    {
        if (text is null) return null;
        if (Core.Orders.Symbol.TryCreate(text, out var symbol)) return symbol;
        Add("symbol", ReasonCodes.SymbolInvalid, $"'{Shown(text)}' is not a valid symbol.",
            "Use a ticker such as AAPL.");
        return null;
    }

    public OrderId? Order(string? text)
    {
        if (text is null) return null;
        if (OrderId.TryParse(text, out var id)) return id;
        Add("order_id", ReasonCodes.OrderIdInvalid, $"'{Shown(text)}' is not an order id.",
            "Use the id returned when the order was submitted, e.g. 3f2b8c1e-6d1a-4c5e-9f0a-2b7d4e8c1a90.");
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string code, string? text) where TEnum : struct, Enum
    {
        if (text is null) return null;
        if (ApiNames.TryParse<TEnum>(text, out var value)) return value;
        Add(field, code, $"'{Shown(text)}' is not a valid {field}.",
            $"Use one of {string.Join(", ", ApiNames.AllOf<TEnum>())}.");
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> written in digits only (no sign,
    /// no spaces, no exponent); null when absent or not one.</summary>
    public long? Whole(string field, string code, string? text, long min, long max, string suggestion)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            && value <= max) return value;
        Add(field, code, max == long.MaxValue
                ? $"{field} must be a whole number of at least {min}; it is '{Shown(text)}'."
                : $"{field} must be a whole number from {min} to {max}; it is '{Shown(text)}'.",
            suggestion);
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
        Add(field, code, $"'{Shown(text)}' is not an ISO 8601 date or time.",
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
        Add("cursor", ReasonCodes.CursorInvalid, $"'{Shown(text)}' is not a cursor.",
            "Use the next_cursor of the previous page, or leave cursor out for the first page.");
        return 0;
    }

    /// <param name="pageWith">What pages on: cursor (audit) or offset (orders).</param>
    public int Limit(string? text, int defaultLimit, int max, string pageWith = "cursor") =>
        (int)(Whole("limit", ReasonCodes.LimitOutOfRange, text, 1, max,
            $"Use a limit of at most {max} and page with {pageWith}.") ?? defaultLimit);

    public static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A client's text as a problem quotes it: cut when it is long.</summary>
    public static string Shown(string text) => FieldNames.Shown(text);
}
