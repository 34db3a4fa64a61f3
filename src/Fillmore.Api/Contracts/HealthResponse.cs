// GET /api/v1/health: the overall status ("ok", "degraded", "starting" or "down") with the clock's
// time (the first version's two fields), whether the node is ready for orders, and each
// dependency as it stands: the store, every venue, and Redis when one is configured.
namespace Fillmore.Api.Contracts;

public sealed record HealthResponse(string Status, DateTime Timestamp)
{
    /// <summary>What /health/ready answers: start-up recovery done, the store writes, a venue answers.</summary>
    public bool Ready { get; init; }
    public StoreHealthResponse? Store { get; init; }
    public IReadOnlyList<VenueHealthResponse> Venues { get; init; } = [];
    /// <summary>Null when no Redis is configured (one node).</summary>
    public RedisHealthResponse? Redis { get; init; }
}
