// When a FIX session runs, in UTC, as QuickFIX's StartTime/EndTime: every day from Start to End
// (End before Start wraps past midnight; End equal to Start is one 24-hour session a day). A new
// session starts with sequence numbers at 1 on both sides; between sessions nobody logs on.
// Always: one session for ever, never reset by the clock (sequence numbers only ever grow).
namespace Fillmore.Venues.Fix;

public sealed record FixSessionSchedule(TimeOnly Start, TimeOnly End, bool Always = false)
{
    /// <summary>Daily at 00:00 UTC, 24 hours: the QuickFIX acceptors' settings in ../shared/FIX.md.</summary>
    public static FixSessionSchedule Daily { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    public static FixSessionSchedule Continuous { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue, Always: true);

    /// <summary>The start of the session <paramref name="now"/> falls in, or null between sessions.</summary>
    public DateTimeOffset? SessionStart(DateTimeOffset now)
    {
        if (Always) return DateTimeOffset.MinValue;
        now = now.ToUniversalTime();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var startToday = today + Start.ToTimeSpan();
        var time = TimeOnly.FromTimeSpan(now.TimeOfDay);
        if (Start == End) return time >= Start ? startToday : startToday.AddDays(-1);
        if (Start < End) return time >= Start && time < End ? startToday : null;
        if (time >= Start) return startToday;                  // wraps midnight: the evening part
        return time < End ? startToday.AddDays(-1) : null;     // the morning part, or between sessions
    }
}
