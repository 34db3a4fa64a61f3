// The event types of the order stream (docs/streaming.md), as constants to compare OrderEvent.Event with.
namespace Fillmore.Client;

public static class EventTypes
{
    public const string Accepted = "order.accepted";
    public const string Denied = "order.denied";
    public const string Submitted = "order.submitted";
    public const string PartiallyFilled = "order.partially_filled";
    public const string Filled = "order.filled";
    public const string CancelRequested = "order.cancel_requested";
    public const string Cancelled = "order.cancelled";
    public const string CancelRejected = "order.cancel_rejected";
    public const string Rejected = "order.rejected";
    public const string Expired = "order.expired";
    public const string Retrying = "order.retrying";
    public const string Recovered = "order.recovered";
    public const string InDoubt = "order.in_doubt";
    public const string Failed = "order.failed";
    public const string Resubmitted = "order.resubmitted";
    public const string FailureAcknowledged = "order.failure_acknowledged";
    public const string Triggered = "order.triggered";
    public const string AmendRequested = "order.amend_requested";
    public const string Amended = "order.amended";
    public const string AmendRejected = "order.amend_rejected";
    public const string OverExecuted = "order.over_executed";
    public const string Routed = "order.routed";
}
