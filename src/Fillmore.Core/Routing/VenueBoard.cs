// The venues as the SMART router sees them at the moment of an order: each venue's capabilities, its
// fee schedule (Fillmore:Venues:Fees:{name}), its own quote, whether it is halted, connected and
// reachable (IVenueHealth), and how many orders it refused lately (VenueRejects).
namespace Fillmore.Core.Routing;

using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

/// <param name="quotes">Each venue's own quotes, by venue name (null: none).</param>
/// <param name="fees">Each venue's fee schedule, by venue name.</param>
public sealed class VenueBoard(VenueSet venues, Func<string, IMarketData?> quotes, Func<string, FeeSchedule> fees,
    TradingControls controls, VenueRejects rejects, RoutingOptions options) : IVenueBoard
{
    public string DefaultVenue => options.DefaultVenue is { Length: > 0 } named ? venues.Resolve(named) ?? named
        : venues.Single ? venues.Primary.Name : SmartRouter.Smart;

    public RoutingRules Rules => options;

    public IReadOnlyList<string> Names { get; } = venues.Names.ToList();

    public bool MayUse(TraderId trader, string venue) =>
        !options.Allowed.TryGetValue(trader.Value, out var allowed)
        || allowed.Contains(venue, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<VenueCandidate> Candidates(Symbol symbol, TraderId trader) =>
        venues.All.Select(v => Candidate(v, symbol, trader)).ToList();

    private VenueCandidate Candidate(IVenue venue, Symbol symbol, TraderId trader)
    {
        var health = (venue as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;
        return new VenueCandidate(venue.Name, venue.Capabilities, fees(venue.Name),
            quotes(venue.Name)?.TryGetQuote(symbol, out var quote) == true ? quote : null)
        {
            HaltReason = controls.VenueHaltReason(venue.Name),
            Connected = health.Connected,
            Reachable = health.Reachable,
            RecentRejects = rejects.Recent(venue.Name, options.RejectWindow),
            NotAllowed = !MayUse(trader, venue.Name),
        };
    }
}
