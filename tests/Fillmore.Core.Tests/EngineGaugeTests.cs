// The engine's gauges read what they are given at every collection (held orders, orders in
// flight), and only the first engine on one EngineMetrics registers them.
namespace Fillmore.Core.Tests;

using System.Diagnostics.Metrics;
using Fillmore.Core.Execution;

public sealed class EngineGaugeTests
{
    [Fact]
    public void The_gauges_read_the_engine_at_every_collection()
    {
        using var metrics = new EngineMetrics();
        var (inFlight, held) = (2, 5);
        metrics.Observe(() => inFlight, () => held);
        metrics.Observe(() => -1, () => -1);   // a second engine on the same metrics: ignored
        var seen = new Dictionary<string, List<int>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "fillmore.engine.held_orders" or "fillmore.engine.orders_in_flight"
                && ReferenceEquals(instrument.Meter, metrics.Meter))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (!seen.TryGetValue(instrument.Name, out var values)) seen[instrument.Name] = values = [];
            values.Add(value);
        });
        listener.Start();
        listener.RecordObservableInstruments();
        (inFlight, held) = (0, 1);
        listener.RecordObservableInstruments();
        Assert.Equal([2, 0], seen["fillmore.engine.orders_in_flight"]);
        Assert.Equal([5, 1], seen["fillmore.engine.held_orders"]);
    }
}
