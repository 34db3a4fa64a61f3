// GET /api/v1/orders/{id}/routing: how the order's venue was chosen. Smart false: it named its venue.
namespace Fillmore.Client;

public sealed record Routing
{
    public Guid OrderId { get; init; }
    public string Venue { get; init; } = "";
    public bool Smart { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string Reason { get; init; } = "";
    public IReadOnlyList<RouteOption> Considered { get; init; } = [];
    /// <summary>When SMART split the order: each venue's part (each is one of the order's legs).</summary>
    public IReadOnlyList<RouteAllocation> Allocations { get; init; } = [];
}
