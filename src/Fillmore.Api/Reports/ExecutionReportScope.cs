// What an execution report covers and for whom: one trader's fills (or every trader's, for
// compliance) with a venue timestamp in [From, To), requested by a caller at GeneratedAt. Printed
// in the header of every PDF page and in the file name.
namespace Fillmore.Api.Reports;

using System.Globalization;
using Fillmore.Core.Orders;

/// <param name="Trader">null: every trader.</param>
public sealed record ExecutionReportScope(TraderId? Trader, DateTimeOffset From, DateTimeOffset To, string RequestedBy,
    string RequestedRole, DateTimeOffset GeneratedAt)
{
    public string Subject => Trader is { } t ? t.Value : "all traders";

    public string FileName(string extension) =>
        $"executions-{(Trader is { } t ? Safe(t.Value) : "all")}-{Stamp(From)}-{Stamp(To)}.{extension}";

    /// <summary>A UTC time as reports print it: 2026-11-24 14:30:00 (seconds only when not zero: never hides
    /// precision).</summary>
    public static string Show(DateTimeOffset t) => t.UtcDateTime.ToString(
        t.UtcDateTime.TimeOfDay.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss"
            : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString(
        t.UtcDateTime.TimeOfDay == TimeSpan.Zero ? "yyyyMMdd" : "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Safe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
