// Each venue's state on /metrics (meter "Fillmore"), read when it is scraped and labelled by venue:
// connected (its report stream or session is up) and reachable (its last request got an answer)
// as the venue reports itself (IVenueHealth, the facts GET /api/v1/health and
// GET /api/v1/admin/venues show), and halted (TradingControls). Each is 1 or 0.
namespace Fillmore.Api.Observability;

using System.Diagnostics.Metrics;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public sealed class VenueMetrics : IDisposable
{
    private readonly Meter _meter = new("Fillmore");

    /// <summary>Its own meter (a test listens to this one, not to every "Fillmore" meter in the process).</summary>
    public Meter Meter => _meter;

    public VenueMetrics(IVenue venue, TradingControls controls)
    {
        VenueHealthReport Health() => (venue as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;
        Gauge("fillmore.venue.connected", venue, () => Health().Connected,
            "1 while the venue's report stream (or FIX session) is up.");
        Gauge("fillmore.venue.reachable", venue, () => Health().Reachable,
            "1 while the venue's last request got an answer.");
        Gauge("fillmore.venue.halted", venue, () => controls.VenueHaltReason(venue.Name) is not null,
            "1 while nothing is sent to the venue (an administrator's halt, or Fillmore's after a Fatal answer).");
    }

    private void Gauge(string name, IVenue venue, Func<bool> value, string description) =>
        _meter.CreateObservableGauge(name, () => new Measurement<int>(value() ? 1 : 0,
            new KeyValuePair<string, object?>("venue", venue.Name)), "{venue}", description);

    public void Dispose() => _meter.Dispose();
}
