// What the SMART router decided for one order and why: the venue chosen (null: none could take it,
// Refusal says why), every venue considered, and the reason in words. Recorded in the audit trail
// with the order's creation (RoutingRecord), so it is part of the hash chain.
namespace Fillmore.Core.Routing;

using Fillmore.Core.Risk;

public sealed record RoutingDecision(string? Venue, IReadOnlyList<RouteOption> Considered, string Reason)
{
    public RuleViolation? Refusal { get; init; }
}
