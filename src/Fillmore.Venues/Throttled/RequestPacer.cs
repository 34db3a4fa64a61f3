// Paces requests to a rate without dropping any: each caller takes the next free slot and waits
// for it (an async token bucket, kept as the generic cell rate algorithm: the theoretical time
// the next request may go). Time is a TimeProvider's monotonic timestamp, so a test drives it with
// FakeTimeProvider (System.Threading.RateLimiting takes no TimeProvider). Slots go in the order
// callers arrive; a caller that gives up (cancellation) leaves its slot unused, which only errs
// on the slow side. Hold pushes every slot past a time the venue named (its Retry-After).
// Intervals are rounded up to the provider's tick: the pace is never faster than the rate.
namespace Fillmore.Venues.Throttled;

public sealed class RequestPacer
{
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly long _tolerance;
    private readonly object _lock = new();
    private long _theoretical;
    private long _heldUntil;

    /// <param name="perSecond">Requests per second, above 0 (a fraction paces slower than one a second).</param>
    /// <param name="burst">How many may go at once after a quiet spell (1: evenly spaced, never two in one
    /// interval).</param>
    public RequestPacer(double perSecond, int burst, TimeProvider time)
    {
        if (!(perSecond > 0) || double.IsInfinity(perSecond))
            throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "The rate must be above 0.");
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        PerSecond = perSecond;
        _interval = Math.Max(1, (long)Math.Ceiling(time.TimestampFrequency / perSecond));
        _tolerance = checked((burst - 1) * _interval);
        _theoretical = _heldUntil = time.GetTimestamp();
    }

    public double PerSecond { get; }

    /// <summary>How long one slot lasts (1 / the rate, rounded up to the clock's tick).</summary>
    public TimeSpan Interval => Span(_interval);

    /// <summary>Completes when the caller's slot has come (at once when one is free).</summary>
    public Task WaitAsync(CancellationToken ct = default)
    {
        long wait;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var next = Math.Max(_theoretical, now);
            var start = Math.Max(Math.Max(now, next - _tolerance), _heldUntil);
            _theoretical = Math.Max(next, start) + _interval;
            wait = start - now;
        }
        return wait <= 0 ? Task.CompletedTask : Task.Delay(Span(wait), _time, ct);
    }

    /// <summary>No slot starts before <paramref name="delay"/> from now has passed (the venue asked for it).</summary>
    public void Hold(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) return;
        lock (_lock)
        {
            var until = _time.GetTimestamp()
                + (long)Math.Ceiling(delay.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);
            _heldUntil = Math.Max(_heldUntil, until);
        }
    }

    // Timestamp units to a TimeSpan, rounded up: a wait never ends early.
    private TimeSpan Span(long timestamps) =>
        TimeSpan.FromTicks((long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));
}
