// Each venue's state on /metrics (meter "Fillmore"), read when it is scraped and labelled by venue:
// connected (its report stream or session is up) and reachable (its last request got an answer)
// as the venue reports itself (IVenueHealth, the facts GET /api/v1/health and
// GET /api/v1/admin/venues show), and halted (TradingControls). Each is 1 or 0.
namespace Fillmore.Api.Observability;

using System.Diagnostics.Metrics;
using Fillmore.Core.Execution;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public sealed class VenueMetrics : IDisposable
{
    private readonly Meter _meter = new("Fillmore");

    /// <summary>Its own meter (a test listens to this one, not to every "Fillmore" meter in the process).</summary>
    public Meter Meter => _meter;

    public VenueMetrics(VenueSet venues, TradingControls controls)
    {
        static VenueHealthReport Health(IVenue venue) =>
            (venue as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;
        Gauge("fillmore.venue.connected", venues, v => Health(v).Connected,
            "1 while the venue's report stream (or FIX session) is up.");
        Gauge("fillmore.venue.reachable", venues, v => Health(v).Reachable,
            "1 while the venue's last request got an answer.");
        Gauge("fillmore.venue.halted", venues, v => controls.VenueHaltReason(v.Name) is not null,
            "1 while nothing is sent to the venue (an administrator's halt, or Fillmore's after a Fatal answer).");
    }

    private void Gauge(string name, VenueSet venues, Func<IVenue, bool> value, string description) =>
        _meter.CreateObservableGauge(name, () => venues.All.Select(v => new Measurement<int>(value(v) ? 1 : 0,
            new KeyValuePair<string, object?>("venue", v.Name))), "{venue}", description);

    public void Dispose() => _meter.Dispose();
}
