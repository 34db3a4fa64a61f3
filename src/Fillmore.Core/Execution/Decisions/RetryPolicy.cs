// FR-008: re-sends after 1 s, 2 s, 4 s (the base delay doubled each time), or later when the venue
// asks for more (Retry-After); only on the v2 path: the legacy path sends once.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay)
{
    public static RetryPolicy From(ExecutionOptions options) => new(options.RetryMaxAttempts, options.RetryBaseDelay);

    public int MaxRetriesFor(ExecutionPath path) => path == ExecutionPath.V2 ? MaxRetries : 0;

    /// <summary>The wait before re-send number <paramref name="retry"/> (1 = the first re-send).</summary>
    public TimeSpan DelayBefore(int retry, VenueOutcome outcome)
    {
        var backoff = BaseDelay * Math.Pow(2, retry - 1);
        return outcome is VenueOutcome.Retryable { RetryAfter: { } after } && after > backoff ? after : backoff;
    }
}
