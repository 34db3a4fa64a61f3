// Thrown by IBatchSession.Apply when a change must not be written (stale version, duplicate id or
// fill); the status says which, and the whole transaction rolls back.
namespace Fillmore.Storage;

using Fillmore.Core.Ports;

internal sealed class ChangeRefusedException(CommitStatus status) : Exception($"Change refused: {status}")
{
    public CommitStatus Status { get; } = status;
}
