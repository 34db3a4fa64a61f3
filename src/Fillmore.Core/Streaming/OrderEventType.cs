// The names of order events on the stream. Stable: bots switch on them.
namespace Fillmore.Core.Streaming;

public static class OrderEventType
{
    public const string Accepted = "order.accepted";
    public const string Denied = "order.denied";
    public const string Submitted = "order.submitted";
    public const string PartiallyFilled = "order.partially_filled";
    public const string Filled = "order.filled";
    public const string CancelRequested = "order.cancel_requested";
    public const string CancelRejected = "order.cancel_rejected";
    public const string Cancelled = "order.cancelled";
    public const string Rejected = "order.rejected";
    public const string Expired = "order.expired";
    public const string Retrying = "order.retrying";
    public const string Recovered = "order.recovered";
    public const string Failed = "order.failed";
    public const string Resubmitted = "order.resubmitted";
    /// <summary>Retries ran out without a clear answer: the order may be at the venue; reconciliation is
    /// asking.</summary>
    public const string InDoubt = "order.in_doubt";
    public const string FailureAcknowledged = "order.failure_acknowledged";
}
