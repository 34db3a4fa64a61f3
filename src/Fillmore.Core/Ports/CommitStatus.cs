// Why the store refused a change, or that it committed it. Refused means nothing of it was written.
namespace Fillmore.Core.Ports;

public enum CommitStatus
{
    Committed,
    /// <summary>The stored order is no longer at the expected version: re-read and decide again.</summary>
    VersionConflict,
    /// <summary>An order with this id exists already.</summary>
    DuplicateOrderId,
    /// <summary>The trader already has an order with this client order id.</summary>
    DuplicateClientOrderId,
    /// <summary>This venue execution id is recorded already.</summary>
    DuplicateFill,
}
