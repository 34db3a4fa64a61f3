// CPU time of one thread of this process, found by its name in /proc/self/task/*/comm (Linux;
// the runtime gives a named managed thread that name, cut to 15 bytes). Resolution: one clock
// tick (10 ms), enough over a run of seconds.
namespace Fillmore.Bench.Micro;

internal static class ThreadCpu
{
    private const double TicksPerSecond = 100;    // USER_HZ on Linux

    /// <summary>User plus system time of the first thread whose name starts with <paramref name="prefix"/>, or
    /// null when there is none.</summary>
    public static TimeSpan? Of(string prefix)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(prefix, StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
            }
            catch (IOException) { /* the thread ended while we looked */ }
        }
        return null;
    }
}
