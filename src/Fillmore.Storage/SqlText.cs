// How values are written as text columns (SQLite) and read back: the same canonical forms the
// audit hash uses, so an entry re-hashed from its stored row gives the stored hash.
namespace Fillmore.Storage;

using System.Globalization;
using Fillmore.Core.Audit;

public static class SqlText
{
    public static string Of(decimal value) => AuditChain.FormatDecimal(value);
    public static object OfNullable(decimal? value) => value is { } v ? Of(v) : DBNull.Value;
    public static string Of(DateTimeOffset value) => AuditChain.FormatTimestamp(value);
    public static object OfNullable(string? value) => value is null ? DBNull.Value : value;

    public static decimal Decimal(string text) =>
        decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
