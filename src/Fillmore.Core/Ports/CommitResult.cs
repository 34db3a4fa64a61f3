// What the store says about a change. Anything but Committed means nothing of it was written.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Streaming;

public sealed record CommitResult(CommitStatus Status, IReadOnlyList<OrderEvent> Events)
{
    public static readonly CommitResult Conflict = new(CommitStatus.VersionConflict, []);
    public bool Ok => Status == CommitStatus.Committed;
}
