// The stream's instruments (meter "Fillmore", exported on /metrics): the commit-to-send latency
// histogram the status requirement is judged by, and counts of clients, events and cut-offs.
namespace Fillmore.Api.Streaming;

using System.Diagnostics;
using System.Diagnostics.Metrics;

public sealed class StreamMetrics : IDisposable
{
    public const string MeterName = "Fillmore";
    public const string CommitToSend = "fillmore.stream.commit_to_send";

    /// <summary>Bucket bounds (seconds) fine enough to see single-digit milliseconds.</summary>
    public static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _commitToSend;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _slowDisconnects;
    private readonly UpDownCounter<long> _connected;
    private long _slowDisconnectCount;

    public StreamMetrics()
    {
        _commitToSend = _meter.CreateHistogram<double>(CommitToSend, "s",
            "Time from the commit of an order event to its send on a WebSocket.");
        _sent = _meter.CreateCounter<long>("fillmore.stream.events_sent", "{event}",
            "Events sent to WebSocket clients.");
        _slowDisconnects = _meter.CreateCounter<long>("fillmore.stream.slow_disconnects", "{client}",
            "Clients cut off because their buffer was full.");
        _connected = _meter.CreateUpDownCounter<long>("fillmore.stream.clients", "{client}",
            "Connected WebSocket clients.");
    }

    public long SlowDisconnects => Interlocked.Read(ref _slowDisconnectCount);

    public void Sent(DeliveredEvent e)
    {
        _sent.Add(1);
        _commitToSend.Record(Stopwatch.GetElapsedTime(e.CommittedTimestamp).TotalSeconds);
    }

    public void SlowClientDisconnected()
    {
        Interlocked.Increment(ref _slowDisconnectCount);
        _slowDisconnects.Add(1);
    }

    public void Connected() => _connected.Add(1);
    public void Disconnected() => _connected.Add(-1);

    public void Dispose() => _meter.Dispose();
}
