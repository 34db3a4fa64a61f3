// What happened to an order, as the audit trail names it. Stable names: compliance queries them.
namespace Fillmore.Core.Audit;

public enum AuditAction
{
    /// <summary>Received and persisted.</summary>
    Submitted,
    /// <summary>Passed pre-trade validation (v2 path).</summary>
    Approved,
    /// <summary>Refused by our own validation or risk rules; never sent.</summary>
    Denied,
    /// <summary>Sent to the venue (one entry per attempt).</summary>
    Executed,
    /// <summary>The venue confirmed it has the order.</summary>
    Acknowledged,
    PartiallyFilled,
    Filled,
    CancelRequested,
    /// <summary>The venue refused a cancel (too late); the order keeps working.</summary>
    CancelRejected,
    Cancelled,
    /// <summary>Refused by the venue.</summary>
    Rejected,
    Expired,
    RetryScheduled,
    /// <summary>The venue was found to hold the order after an uncertain send; its state was adopted.</summary>
    Recovered,
    Failed,
    /// <summary>Local state compared with the venue's and brought in line.</summary>
    Reconciled,
    /// <summary>Something the transition table does not allow was reported; kept for investigation.</summary>
    Anomaly,
    /// <summary>The trader re-sent a FAILED order.</summary>
    Resubmitted,
    /// <summary>The trader closed out a FAILED order.</summary>
    FailureAcknowledged,
    /// <summary>Held by Fillmore with its trigger (an emulated stop, a trailing stop, an exit waiting for its
    /// entry).</summary>
    Armed,
    /// <summary>A held order's trigger was touched (price and best price in the entry).</summary>
    Triggered,
    /// <summary>A held order passed the risk rules again and goes to the venue as MARKET or LIMIT.</summary>
    Released,
    /// <summary>The trader asked to change quantity or prices; sent to the venue as a replace.</summary>
    AmendRequested,
    /// <summary>The new quantity or prices are in force (held: at once; at the venue: replaced).</summary>
    Amended,
    /// <summary>The venue refused the replace: the old terms stand.</summary>
    AmendRejected,
    /// <summary>A control entry: trading halted (everyone, one trader, or one venue; error_code says which), with
    /// who pulled it and why.</summary>
    Halted,
    /// <summary>A control entry: trading resumed in the scope of an earlier HALTED.</summary>
    Resumed,
    /// <summary>A control entry: ORDER_EXECUTION_V2_ENABLED changed (from and to in the reason).</summary>
    FlagChanged,
    /// <summary>A control entry: an administrator funded an account or changed its limits.</summary>
    AccountChanged,
    /// <summary>An administrator reviewed a ghost order (one Fillmore never placed) and closed it, with a
    /// reason.</summary>
    Dismissed,
    /// <summary>A control entry: an administrator created an API key (its public prefix, scope, user and expiry in
    /// the reason; never the key).</summary>
    ApiKeyCreated,
    /// <summary>A control entry: an API key was replaced by a new one (both prefixes and the old key's last moment
    /// in the reason).</summary>
    ApiKeyRotated,
    /// <summary>A control entry: an API key was revoked; it authenticates nowhere from then on.</summary>
    ApiKeyRevoked,
    /// <summary>A control entry: a data key of the encryption at rest was created, or re-wrapped under a new master
    /// key (ids in the reason; never key material).</summary>
    DataKeyCreated,
    /// <summary>A control entry: the encrypted values were re-encrypted under the newest data key.</summary>
    DataReencrypted,
    /// <summary>The SMART router chose the order's venue: every venue considered, its quote, fees, effective price and
    /// health, and why the chosen one won, as JSON in the reason (GET /api/v1/orders/{id}/routing).</summary>
    Routed,
}
