// One message on its way out: its bytes, the connection it was made for, and (for a new sequence
// number) the record to store before writing. Replays and gap fills have no record: they reuse
// numbers already stored. Done completes once it was written, or could not be.
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Ports;

internal sealed class FixOutgoing(byte[] bytes, FixConnection connection, FixOutboundRecord? record)
{
    private readonly TaskCompletionSource<FixWriteStatus> _done =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte[] Bytes { get; } = bytes;
    public FixConnection Connection { get; } = connection;
    public FixOutboundRecord? Record { get; } = record;
    public bool StoreFailed { get; set; }
    public Task<FixWriteStatus> Done => _done.Task;

    public void Complete(FixWriteStatus status) => _done.TrySetResult(status);
}
