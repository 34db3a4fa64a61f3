// Latency samples and their percentiles (nearest-rank), in milliseconds.
namespace Fillmore.Bench;

public sealed class Samples
{
    private readonly List<double> _ms = [];

    public int Count { get { lock (_ms) return _ms.Count; } }

    public void Add(TimeSpan elapsed)
    {
        lock (_ms) _ms.Add(elapsed.TotalMilliseconds);
    }

    public double[] Sorted() { lock (_ms) return [.. _ms.Order()]; }

    public double P(double q)
    {
        var s = Sorted();
        return s.Length == 0 ? double.NaN : s[Math.Min(s.Length - 1, (int)Math.Ceiling(q * s.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(q * s.Length) - 1)];
    }

    public double Max => Sorted() is { Length: > 0 } s ? s[^1] : double.NaN;

    public Summary Summarise() => new(Count, P(0.50), P(0.95), P(0.99), Max);
}

public sealed record Summary(int Count, double P50, double P95, double P99, double Max);
