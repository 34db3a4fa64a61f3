// The store writer's instruments (meter "Fillmore", exported on /metrics with the stream's): how
// many transactions it committed, how many changes they held, and how long the writer thread was
// busy in them. Busy seconds per second is the writer's utilisation: near 1, the one writer is the
// service's ceiling (docs/benchmarks.md). Changes per transaction is how well group commit shares fsyncs.
namespace Fillmore.Storage;

using System.Diagnostics.Metrics;

internal static class StoreMetrics
{
    private static readonly Meter Meter = new("Fillmore");
    private static readonly Counter<long> Transactions = Meter.CreateCounter<long>("fillmore.store.transactions",
        "{transaction}", "Write transactions committed by the store's writer.");
    private static readonly Counter<long> Changes = Meter.CreateCounter<long>("fillmore.store.changes", "{change}",
        "Changes committed (several share one transaction).");
    private static readonly Counter<double> Busy = Meter.CreateCounter<double>("fillmore.store.writer_busy", "s",
        "Time the writer spent in transactions, fsync included.");

    public static void Committed(int changes, TimeSpan busy, string writer)
    {
        var tag = new KeyValuePair<string, object?>("writer", writer);
        Transactions.Add(1, tag);
        Changes.Add(changes, tag);
        Busy.Add(busy.TotalSeconds, tag);
    }
}
