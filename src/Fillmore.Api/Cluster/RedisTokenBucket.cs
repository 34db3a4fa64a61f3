// NFR-007 across a cluster: one token bucket per trader, kept in Redis and updated by one Lua
// script (atomic on the Redis server, timed by the Redis clock), so 100 orders a minute holds
// for all nodes together. The bucket has the same shape as the single-node limiter: a burst of
// up to the limit, refilled one token at a time evenly over the minute.
// If Redis cannot answer, the node falls back to its own in-process bucket for that trader: the
// limit then holds per node until Redis is back (logged), rather than halting all trading.
namespace Fillmore.Api.Cluster;

using System.Threading.RateLimiting;
using StackExchange.Redis;

public sealed partial class RedisTokenBucket(IDatabase redis, string key, int perMinute, RateLimiter fallback,
    ILogger log) : RateLimiter
{
    // KEYS[1] bucket; ARGV[1] capacity; ARGV[2] milliseconds per token. Returns {granted, wait ms}.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local per_token = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or capacity
        local at = tonumber(state[2]) or now
        local refill = math.floor((now - at) / per_token)
        if refill > 0 then
          tokens = math.min(capacity, tokens + refill)
          at = at + refill * per_token
        end
        if tokens >= capacity then at = now end
        local granted = 0
        local wait = 0
        if tokens >= 1 then
          tokens = tokens - 1
          granted = 1
        else
          wait = per_token - (now - at)
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
        redis.call('PEXPIRE', KEYS[1], capacity * per_token + 1000)
        return {granted, wait}
        """;

    private static readonly RateLimitLease Granted = new Lease(true, null);

    public override TimeSpan? IdleDuration => null;   // the bucket lives in Redis; this object holds nothing

    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware tries this first and then waits on AcquireAsyncCore: the answer needs Redis.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount,
        CancellationToken cancellationToken)
    {
        var perToken = (long)Math.Ceiling(60_000.0 / perMinute);
        try
        {
            var answer = (RedisResult[])(await redis.ScriptEvaluateAsync(Script, [key], [perMinute, perToken])
                .ConfigureAwait(false))!;
            return (long)answer[0] == 1 ? Granted
                : new Lease(false, TimeSpan.FromMilliseconds(Math.Max(1, (long)answer[1])));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogFallback(log, ex, key);
            return await fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis did not answer for rate-limit bucket {Key}; "
            + "this node counts the trader's orders on its own until it does.")]
    private static partial void LogFallback(ILogger log, Exception ex, string key);

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
