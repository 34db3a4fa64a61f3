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
    /// <summary>A held order's trigger was touched; its status says whether it was released (PENDING_SUBMIT) or waits
    /// for its entry (HELD).</summary>
    public const string Triggered = "order.triggered";
    /// <summary>The trader's amend was sent to the venue as a replace.</summary>
    public const string AmendRequested = "order.amend_requested";
    /// <summary>The amended quantity or prices are in force.</summary>
    public const string Amended = "order.amended";
    /// <summary>The venue refused the replace; the old terms stand.</summary>
    public const string AmendRejected = "order.amend_rejected";
    /// <summary>An exit executed although its sibling had executed already (one-cancels-other lost a race): recorded,
    /// never hidden.</summary>
    public const string OverExecuted = "order.over_executed";
    /// <summary>The SMART router chose the order's venue (the order's venue says which; the rationale is at
    /// GET /api/v1/orders/{id}/routing).</summary>
    public const string Routed = "order.routed";
}
