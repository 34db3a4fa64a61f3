// The store's side of audit checkpoints: the trail's heads to sign (the legacy segment's and every
// partition's, read in one snapshot), and the checkpoints written so far (appended with
// CheckpointChange through IOrderStore.CommitAsync, numbered by the store).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Audit;

public interface IAuditCheckpointStore
{
    /// <summary>The audit trail's partition count (fixed in the store at first use).</summary>
    int AuditPartitions { get; }

    /// <summary>The legacy head and every partition's committed head, as one consistent state.</summary>
    Task<AuditHeadSet> ReadAuditHeadsAsync(CancellationToken ct = default);

    /// <summary>The checkpoints with Seq &gt; <paramref name="afterSeq"/>, oldest first, at most
    /// <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ListCheckpointsAsync(long afterSeq, int limit, CancellationToken ct = default);

    /// <summary>The newest checkpoint; null before the first.</summary>
    Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default);
}
