// One venue as the router sees it at the moment of a decision: what it takes, what it charges,
// its quote for the symbol (null: none), and its health.
namespace Fillmore.Core.Routing;

using Fillmore.Core.Ports;

public sealed record VenueCandidate(string Name, VenueCapabilities Capabilities, FeeSchedule Fees, Quote? Quote)
{
    /// <summary>Why the venue is halted (by an administrator or after a Fatal answer); null: it is not.</summary>
    public string? HaltReason { get; init; }

    public bool Connected { get; init; } = true;

    public bool Reachable { get; init; } = true;

    /// <summary>Orders the venue refused within the router's reject window.</summary>
    public int RecentRejects { get; init; }

    /// <summary>The trader may not use this venue (Fillmore:Routing:Allowed).</summary>
    public bool NotAllowed { get; init; }
}
