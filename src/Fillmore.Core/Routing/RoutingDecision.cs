// What the SMART router decided for one order and why: the venue chosen (null: none could take it,
// Refusal says why; SMART: split, Allocations says where), every venue considered, and the reason in
// words. Recorded in the audit trail with the order's creation, so it is part of the hash chain.
namespace Fillmore.Core.Routing;

using Fillmore.Core.Risk;

public sealed record RoutingDecision(string? Venue, IReadOnlyList<RouteOption> Considered, string Reason)
{
    public RuleViolation? Refusal { get; init; }

    /// <summary>When no venue shows the whole size: the child order for each venue, best price first (empty: not
    /// split).</summary>
    public IReadOnlyList<RouteAllocation> Allocations { get; init; } = [];
}
