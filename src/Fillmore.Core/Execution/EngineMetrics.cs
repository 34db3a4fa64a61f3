// The engine's instruments (meter "Fillmore", exported on /metrics by the host): venue reports by
// what deciding them did, venue answers by outcome with their round trip per venue, retries
// scheduled, reconciliations run; and, as gauges, the orders this node has in flight (queued, on
// the wire, between attempts) and the orders it holds (emulated stops, exits waiting). The
// counts are also readable here, so that a test can wait for the engine to have decided
// something (a duplicate report ignored, say) instead of sleeping and hoping it has.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Ports;

public sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "Fillmore";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _reports;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _reconciliations;
    private readonly Histogram<double> _roundTrip;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private int _observed;

    /// <summary>Its own meter (a test listens to this one, not to every "Fillmore" meter in the process).</summary>
    internal Meter Meter => _meter;

    public EngineMetrics()
    {
        _reports = _meter.CreateCounter<long>("fillmore.engine.reports", "{report}",
            "Venue reports by what deciding them did: applied, ignored (a duplicate or a repeat), anomaly, parked, "
                + "unknown_order.");
        _answers = _meter.CreateCounter<long>("fillmore.engine.venue_answers", "{answer}",
            "The venue's answers to sends, by outcome.");
        _retries = _meter.CreateCounter<long>("fillmore.engine.retries_scheduled", "{retry}",
            "Re-sends scheduled after an unclear answer.");
        _reconciliations = _meter.CreateCounter<long>("fillmore.engine.reconciliations", "{run}",
            "Reconciliation rounds over every open order.");
        _roundTrip = _meter.CreateHistogram<double>(VenueRoundTrip, "s",
            "Time from sending an order to the venue's answer, per venue and outcome.");
    }

    public const string VenueRoundTrip = "fillmore.engine.venue_round_trip";

    /// <summary>The engine's own gauges, read when /metrics is scraped (the first engine to start gives
    /// them).</summary>
    internal void Observe(Func<int> inFlight, Func<int> held)
    {
        if (Interlocked.Exchange(ref _observed, 1) == 1) return;
        _meter.CreateObservableGauge("fillmore.engine.orders_in_flight", inFlight, "{order}",
            "Orders this node is sending or will send: queued, on the wire, between attempts.");
        _meter.CreateObservableGauge("fillmore.engine.held_orders", held, "{order}",
            "Orders this node holds and watches: emulated stops and trailing stops, exits waiting for their "
                + "entry.");
    }

    /// <summary>How many reports were decided with this outcome so far (applied, ignored, anomaly, parked,
    /// unknown_order).</summary>
    public long Reports(string outcome) => _counts.GetValueOrDefault("report:" + outcome);

    public long Answers(string outcome) => _counts.GetValueOrDefault("answer:" + outcome);

    internal void Report(string outcome) => Count(_reports, "report:", outcome);

    internal void Report(Decision decision) => Report(decision switch
    {
        Decision.Commit => "applied",
        Decision.Anomaly => "anomaly",
        _ => "ignored",
    });

    internal void Answer(VenueOutcome outcome, string venue, TimeSpan roundTrip)
    {
        var name = outcome.GetType().Name.ToLowerInvariant();
        Count(_answers, "answer:", name);
        _roundTrip.Record(roundTrip.TotalSeconds, new KeyValuePair<string, object?>("venue", venue),
            new KeyValuePair<string, object?>("outcome", name));
    }

    internal void RetryScheduled() => _retries.Add(1);

    internal void Reconciled() => _reconciliations.Add(1);

    /// <summary>How many reconciliation rounds have finished (ghosts included), failed ones too: a test's barrier
    /// for "a round after this one".</summary>
    public long ReconciliationsFinished => _counts.GetValueOrDefault("reconciliation:finished");

    internal void ReconciliationFinished() => _counts.AddOrUpdate("reconciliation:finished", 1, (_, n) => n + 1);

    private void Count(Counter<long> counter, string prefix, string outcome)
    {
        _counts.AddOrUpdate(prefix + outcome, 1, (_, n) => n + 1);
        counter.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Dispose() => _meter.Dispose();
}
