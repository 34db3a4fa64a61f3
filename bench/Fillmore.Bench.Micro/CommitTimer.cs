// How long a bot waits for one commit: from CommitAsync until the bot runs again with the answer
// (so the thread-pool hop that resumes it is included, as a caller sees it). Recorded only
// between Start and Stop; a fixed array, so recording allocates nothing and takes no lock.
namespace Fillmore.Bench.Micro;

using System.Diagnostics;

internal sealed class CommitTimer
{
    private readonly long[] _ticks = new long[1 << 22];
    private int _count;
    private volatile bool _recording;

    public void Start()
    {
        _count = 0;
        _recording = true;
    }

    public void Stop() => _recording = false;

    public void Record(long startedTimestamp)
    {
        if (!_recording) return;
        var elapsed = Stopwatch.GetTimestamp() - startedTimestamp;
        var at = Interlocked.Increment(ref _count) - 1;
        if (at < _ticks.Length) _ticks[at] = elapsed;
    }

    /// <summary>The recorded commits' p50 and p99, in milliseconds.</summary>
    public (double P50, double P99, int Count) Percentiles()
    {
        var count = Math.Min(_count, _ticks.Length);
        if (count == 0) return (0, 0, 0);
        var sorted = _ticks[..count];
        Array.Sort(sorted);
        double Ms(double q) => sorted[(int)Math.Min(count - 1, q * count)] * 1000.0 / Stopwatch.Frequency;
        return (Ms(0.50), Ms(0.99), count);
    }

    public string Summary()
    {
        var (p50, p99, count) = Percentiles();
        return $"p50 {p50:F2} ms, p99 {p99:F2} ms ({count:N0} commits)";
    }
}
