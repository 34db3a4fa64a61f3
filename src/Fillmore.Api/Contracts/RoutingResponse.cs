// GET /api/v1/orders/{id}/routing: how the order's venue was chosen. smart false: the order named its
// venue (considered is empty); true: the SMART router's decision as the audit trail records it, with
// allocations when it split the order (its venue is then SMART; each part is a leg).
namespace Fillmore.Api.Contracts;

public sealed record RoutingResponse(
    Guid OrderId,
    string Venue,
    bool Smart,
    DateTime? DecidedAt,
    string Reason,
    IReadOnlyList<RouteOptionResponse> Considered)
{
    public IReadOnlyList<RouteAllocationResponse> Allocations { get; init; } = [];
}
