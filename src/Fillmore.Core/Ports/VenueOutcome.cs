// The result of one request to a venue, classified. Only Unknown is ambiguous: the venue may or
// may not have acted, so the order must be looked up by its id before anything is re-sent.
namespace Fillmore.Core.Ports;

public abstract record VenueOutcome
{
    private VenueOutcome() { }

    /// <summary>The venue has it (new order acknowledged, or cancel accepted for processing).</summary>
    public sealed record Confirmed(DateTimeOffset VenueTime) : VenueOutcome
    {
        /// <summary>
        /// What the venue had already done with a new order when it answered (an immediate fill, an
        /// IOC remainder cancelled), as its answer states it. The same reports also come on the
        /// report stream; the engine records each execution once, whichever copy comes first.
        /// </summary>
        public IReadOnlyList<ExecutionReport> Executions { get; init; } = [];
    }

    /// <summary>The venue refused it and will not change its mind: never retried.</summary>
    public sealed record Rejected(string Code, string Reason) : VenueOutcome;

    /// <summary>Refused before it was processed (throttled, 429, connection refused): safe to try again.</summary>
    public sealed record Retryable(string Code, string Reason, TimeSpan? RetryAfter) : VenueOutcome;

    /// <summary>Timeout, connection dropped after sending, 5xx: it may or may not have been processed.</summary>
    public sealed record Unknown(string Code, string Reason) : VenueOutcome;

    /// <summary>Credentials, protocol breakage: stop using this venue until an operator looks.</summary>
    public sealed record Fatal(string Code, string Reason) : VenueOutcome;
}
