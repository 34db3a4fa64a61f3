// NFR-007: at most OrdersPerMinute submissions per trader, as a token bucket per trader (a burst
// of up to the limit, refilled evenly over the minute). Partitioned by the authenticated trader,
// so one trader's burst never slows another; refusals are 429 problems with Retry-After.
// With Redis configured (several nodes) the bucket lives in Redis and counts for the whole
// cluster (Cluster/RedisTokenBucket); otherwise it is in this process.
namespace Fillmore.Api.Hosting;

using System.Globalization;
using System.Threading.RateLimiting;
using Fillmore.Api.Cluster;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

public static class OrderRateLimiting
{
    public const string Policy = "orders";

    public static IServiceCollection AddOrderRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context =>
            {
                var services = context.RequestServices;
                var perMinute = services.GetRequiredService<IOptions<RateLimitOptions>>().Value.OrdersPerMinute;
                var trader = context.User.FindFirst("sub")?.Value ?? "anonymous";
                if (services.GetService<IConnectionMultiplexer>() is not { } redis)
                    return RateLimitPartition.GetTokenBucketLimiter(trader, _ => LocalBucket(perMinute));
                var prefix = services.GetRequiredService<ClusterOptions>().RateLimitKeyPrefix;
                var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisTokenBucket));
                return RateLimitPartition.Get(trader, _ =>
                    new RedisTokenBucket(redis.GetDatabase(), prefix + trader, perMinute,
                        new TokenBucketRateLimiter(LocalBucket(perMinute)), log));
            });
            o.OnRejected = (context, ct) =>
            {
                var perMinute = context.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>()
                    .Value.OrdersPerMinute;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
                    : TimeSpan.FromMinutes(1) / perMinute;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                Observability.OrderFlowMetrics.Refused(ReasonCodes.RateLimited);
                return new ValueTask(Problems.WriteAsync(context.HttpContext, Problems.Body(429,
                    ReasonCodes.RateLimited, "Too many orders",
                    $"You may submit at most {perMinute} orders per minute.",
                    $"Wait {seconds} second{(seconds == 1 ? "" : "s")} (see Retry-After) before the next order; "
                        + "cancels are not limited.",
                    details: new Dictionary<string, object?> { ["limit_per_minute"] = perMinute,
                        ["retry_after_seconds"] = seconds })));
            };
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions LocalBucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
