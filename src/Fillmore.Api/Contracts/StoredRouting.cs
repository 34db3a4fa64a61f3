// The routing rationale as the ROUTED audit entry keeps it (Core's RoutingJson writes it).
namespace Fillmore.Api.Contracts;

public sealed record StoredRouting(string? Venue, string Reason, List<RouteOptionResponse> Considered)
{
    /// <summary>Where a split order's parts went (none in entries written before splitting existed).</summary>
    public List<RouteAllocationResponse> Allocations { get; init; } = [];
}
