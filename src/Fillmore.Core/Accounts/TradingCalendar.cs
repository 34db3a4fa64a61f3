// Trading days are dates in the exchange's time zone (default America/New_York): a fill at
// 23:30 UTC on a winter evening belongs to that New York day, not the next UTC one.
namespace Fillmore.Core.Accounts;

public sealed class TradingCalendar(TimeZoneInfo exchangeZone)
{
    public static TradingCalendar NewYork { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    public TimeZoneInfo Zone { get; } = exchangeZone;

    public DateOnly DayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
