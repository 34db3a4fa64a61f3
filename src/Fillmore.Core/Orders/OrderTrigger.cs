// What can happen to an order after it is created. Each trigger is applied through the
// transition table; the table decides whether it moves the order, is ignored, or is illegal.
namespace Fillmore.Core.Orders;

public enum OrderTrigger
{
    /// <summary>The venue accepted the order (FIX ExecType=New).</summary>
    VenueAccepted,
    /// <summary>A fill that leaves quantity open.</summary>
    PartiallyFilled,
    /// <summary>A fill that completes the order.</summary>
    Filled,
    /// <summary>The trader asked to cancel.</summary>
    CancelRequested,
    /// <summary>The order is cancelled: confirmed by the venue, or before it ever reached it.</summary>
    Cancelled,
    /// <summary>The venue refused the cancel (usually: too late, already filled).</summary>
    CancelRejected,
    /// <summary>The venue refused the order.</summary>
    VenueRejected,
    /// <summary>Time in force ran out.</summary>
    Expired,
    /// <summary>Execution gave up and the order needs the trader: the venue proved it never got it, or a fatal venue
    /// error.</summary>
    Failed,
    /// <summary>The trader re-sends a FAILED order under the same id.</summary>
    Resubmitted,
    /// <summary>The trader closes out a FAILED order: it stays FAILED, marked as seen.</summary>
    FailureAcknowledged,
    /// <summary>A held order's trigger was touched and it passed the risk rules: it goes to the venue.</summary>
    Released,
    /// <summary>A held order's trigger was touched but the risk rules refuse it now: never sent.</summary>
    Refused,
    /// <summary>The trader asks to change quantity or prices (PATCH).</summary>
    AmendRequested,
    /// <summary>The venue replaced the order with the amended terms (FIX ExecType=Replaced).</summary>
    Replaced,
    /// <summary>The venue refused to replace the order (FIX OrderCancelReject to a replace); the old terms
    /// stand.</summary>
    ReplaceRejected,
}
