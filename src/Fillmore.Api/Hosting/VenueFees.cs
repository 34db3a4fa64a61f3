// Each venue's fee schedule, by venue name (Fillmore:Venues:Fees:{name}); a venue without one is
// assumed free, and the router's rationale shows it so.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Routing;

public sealed class VenueFees(IReadOnlyDictionary<string, FeeSchedule> byVenue)
{
    public FeeSchedule For(string venue) => byVenue.GetValueOrDefault(venue) ?? FeeSchedule.None;
}
