// Every status an order can have. Legal moves between them live in OrderTransitions, nowhere else.
namespace Fillmore.Core.Orders;

public enum OrderStatus
{
    /// <summary>Persisted by us; not yet known to be at the venue.</summary>
    PendingSubmit,
    /// <summary>Working at the venue, nothing filled.</summary>
    Pending,
    /// <summary>Working at the venue, partly filled.</summary>
    Partial,
    Filled,
    /// <summary>Cancel requested by the trader; the venue has not confirmed it yet.</summary>
    PendingCancel,
    Cancelled,
    /// <summary>Refused by the venue.</summary>
    Rejected,
    /// <summary>Refused by our own validation or risk rules; never sent.</summary>
    Denied,
    Expired,
    /// <summary>Could not be executed and needs the trader's attention (retry or acknowledge).</summary>
    Failed,
    /// <summary>
    /// Held by Fillmore, not at any venue: a stop, trailing stop or exit that the venue cannot hold
    /// itself (emulated), or an exit waiting for its entry. Released to the venue when its trigger
    /// is touched, at most once.
    /// </summary>
    Held,
}
