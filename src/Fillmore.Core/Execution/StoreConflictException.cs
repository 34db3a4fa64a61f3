// A commit was refused although this node holds the trader's gate: another node changed the
// same order, or a bug. The operation is abandoned (nothing was written) and can be retried.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class StoreConflictException(OrderId orderId, CommitStatus status)
    : InvalidOperationException($"The store refused a change to order {orderId}: {status}.")
{
    public OrderId OrderId { get; } = orderId;
    public CommitStatus Status { get; } = status;
}
