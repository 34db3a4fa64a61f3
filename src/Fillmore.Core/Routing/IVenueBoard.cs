// What the SMART router and the venue check at submission need to know about the venues now: their
// names, the default, who may use which, and each one's capabilities, fees, quote and health. The
// host builds it from configuration and the venues' own health (I/O stays at the edge).
namespace Fillmore.Core.Routing;

using Fillmore.Core.Orders;

public interface IVenueBoard
{
    /// <summary>Where an order that names no venue goes: SMART when several venues are configured, else the one
    /// venue (Fillmore:Routing:DefaultVenue overrides).</summary>
    string DefaultVenue { get; }

    RoutingRules Rules { get; }

    IReadOnlyList<string> Names { get; }

    /// <summary>Whether <paramref name="trader"/> may send to <paramref name="venue"/>
    /// (Fillmore:Routing:Allowed).</summary>
    bool MayUse(TraderId trader, string venue);

    /// <summary>Every venue as it stands now for an order in <paramref name="symbol"/> by
    /// <paramref name="trader"/>.</summary>
    IReadOnlyList<VenueCandidate> Candidates(Symbol symbol, TraderId trader);
}
