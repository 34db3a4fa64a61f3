// What the store says about a change. Anything but Committed means nothing of it was written.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Streaming;

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

public sealed record CommitResult(CommitStatus Status, IReadOnlyList<OrderEvent> Events)
{
    public static readonly CommitResult Conflict = new(CommitStatus.VersionConflict, []);
    public bool Ok => Status == CommitStatus.Committed;
}
