// The venues as a host without routing configuration sees them (the simulation, a bare engine):
// every venue usable by everyone, no fees, no quotes, all healthy; the primary is the default.
namespace Fillmore.Core.Routing;

using Fillmore.Core.Execution;
using Fillmore.Core.Orders;

public sealed class FixedVenueBoard(VenueSet venues) : IVenueBoard
{
    public string DefaultVenue => venues.Primary.Name;

    public RoutingRules Rules { get; } = new();

    public IReadOnlyList<string> Names { get; } = venues.Names.ToList();

    public bool MayUse(TraderId trader, string venue) => true;

    public IReadOnlyList<VenueCandidate> Candidates(Symbol symbol, TraderId trader) =>
        venues.All.Select(v => new VenueCandidate(v.Name, v.Capabilities, FeeSchedule.None, null)).ToList();
}
