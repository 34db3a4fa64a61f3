// The exchange's calendar. Trading days are dates in the exchange's time zone (default
// America/New_York): a fill at 23:30 UTC on a winter evening belongs to that New York day, not
// the next UTC one. A DAY order ends at the session close (16:00 by default) of the trading day
// it was accepted on, or of the next trading day when it came after the close, on a weekend or on
// a holiday (a configured list of dates).
namespace Fillmore.Core.Accounts;

public sealed class TradingCalendar(TimeZoneInfo exchangeZone, TimeOnly? sessionClose = null,
    IEnumerable<DateOnly>? holidays = null)
{
    public static TradingCalendar NewYork { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    private readonly HashSet<DateOnly> _holidays = [.. holidays ?? []];

    public TimeZoneInfo Zone { get; } = exchangeZone;

    public TimeOnly SessionClose { get; } = sessionClose ?? new TimeOnly(16, 0);

    public DateOnly DayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public bool IsTradingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The first session close after <paramref name="instant"/>: when a DAY order accepted then
    /// expires.</summary>
    public DateTimeOffset NextSessionClose(DateTimeOffset instant)
    {
        var day = DayOf(instant);
        for (var i = 0; i < 30; i++, day = day.AddDays(1))
        {
            if (!IsTradingDay(day)) continue;
            var close = CloseOn(day);
            if (close > instant) return close;
        }
        throw new InvalidOperationException("No trading day in the next 30 days: check the holiday list.");
    }

    private DateTimeOffset CloseOn(DateOnly day)
    {
        var local = day.ToDateTime(SessionClose, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
