// How many orders one trader may submit per minute (section "Fillmore:RateLimit",
// ORDER_RATE_LIMIT_PER_MINUTE); cancels are not limited.
namespace Fillmore.Api.Hosting;

public sealed class RateLimitOptions
{
    /// <summary>Orders a trader may submit per minute (NFR-007), as a token bucket refilled evenly.</summary>
    public int OrdersPerMinute { get; set; } = 100;
}
