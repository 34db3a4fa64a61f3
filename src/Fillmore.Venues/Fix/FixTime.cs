// FIX UTCTimestamp: yyyyMMdd-HH:mm:ss.fff on the way out; seconds, milliseconds or microseconds
// accepted on the way in. Always UTC, invariant culture.
namespace Fillmore.Venues.Fix;

using System.Globalization;

internal static class FixTime
{
    private static readonly string[] Formats =
        ["yyyyMMdd-HH:mm:ss.fff", "yyyyMMdd-HH:mm:ss", "yyyyMMdd-HH:mm:ss.ffffff", "yyyyMMdd-HH:mm:ss.fffffffff"];

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null) return false;
        // Nanoseconds (9 digits) are more than DateTime holds: keep the first 7.
        if (text.Length == 27) text = text[..24];
        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            && !DateTime.TryParseExact(text, "yyyyMMdd-HH:mm:ss.fffffff", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out parsed))
            return false;
        time = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }
}
