// The venue gauges read the venue's own facts and the halts, at every collection: listened to on
// this VenueMetrics' meter alone.
namespace Fillmore.Api.Tests;

using System.Diagnostics.Metrics;
using Fillmore.Api.Observability;
using Fillmore.Core.Risk;
using Fillmore.Venues.Simulated;

public sealed class VenueMetricsTests
{
    [Fact]
    public void A_venue_halt_shows_at_the_next_collection_and_connected_follows_the_venue()
    {
        var controls = new TradingControls();
        using var venue = new SimulatedVenue(new SimulatedVenueOptions(), TimeProvider.System);
        using var metrics = new VenueMetrics(Core.Execution.VenueSet.Of(venue), controls);
        var seen = new Dictionary<string, (int Value, string? Venue)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            seen[instrument.Name] = (value, tags.ToArray().Single(t => t.Key == "venue").Value as string));
        listener.Start();

        listener.RecordObservableInstruments();
        Assert.Equal((1, "SIM"), seen["fillmore.venue.connected"]);
        Assert.Equal((1, "SIM"), seen["fillmore.venue.reachable"]);
        Assert.Equal((0, "SIM"), seen["fillmore.venue.halted"]);

        controls.SetVenueHalt("SIM", "drill");
        listener.RecordObservableInstruments();
        Assert.Equal((1, "SIM"), seen["fillmore.venue.halted"]);
    }
}
