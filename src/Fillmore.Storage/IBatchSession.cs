// One provider's way of writing changes inside a transaction, used by the GroupCommitter from its
// single writer thread. Apply throws ChangeRefusedException when the change must not be written
// (stale version, duplicate id or fill); any exception rolls back the whole transaction.
namespace Fillmore.Storage;

using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

internal interface IBatchSession : IDisposable
{
    /// <summary>Starts the transaction for <paramref name="changes"/>, which Apply then writes in that order
    /// (the session takes what they need up front: the partitions of the traders they touch).</summary>
    void Begin(IReadOnlyList<IStoreChange> changes);

    /// <returns>The change's events with their per-trader sequence numbers.</returns>
    IReadOnlyList<OrderEvent> Apply(IStoreChange change);

    void Commit();

    void Rollback();
}
