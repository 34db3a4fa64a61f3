// The store's side of audit checkpoints: the chain's head to sign, and the checkpoints written so
// far (appended with CheckpointChange through IOrderStore.CommitAsync, numbered by the store).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Audit;

public interface IAuditCheckpointStore
{
    /// <summary>The last audit entry's id and hash; null while the trail is empty.</summary>
    Task<(long Id, string Hash)?> ReadAuditHeadAsync(CancellationToken ct = default);

    /// <summary>The checkpoints with Seq &gt; <paramref name="afterSeq"/>, oldest first, at most
    /// <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ListCheckpointsAsync(long afterSeq, int limit, CancellationToken ct = default);

    /// <summary>The newest checkpoint; null before the first.</summary>
    Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default);
}
