// Several Fillmore nodes on one PostgreSQL store (section "Fillmore:Cluster"; FILLMORE_REDIS).
// With Redis configured, committed events fan out to every node's WebSocket clients and the
// per-trader order rate limit is counted once for the whole cluster. See docs/deployment.md.
namespace Fillmore.Api.Cluster;

public sealed class ClusterOptions
{
    /// <summary>StackExchange.Redis configuration, e.g. "127.0.0.1:6379" (FILLMORE_REDIS). Unset: one node, no
    /// Redis.</summary>
    public string? Redis { get; set; }

    /// <summary>The pub/sub channel committed events travel on.</summary>
    public string EventChannel { get; set; } = "fillmore:events";

    /// <summary>Prefix of the per-trader rate-limit keys.</summary>
    public string RateLimitKeyPrefix { get; set; } = "fillmore:rate:";
}
