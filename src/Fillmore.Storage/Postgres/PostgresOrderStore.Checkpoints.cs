// Audit checkpoints on PostgreSQL: the trail's heads to sign, and the checkpoints written so far
// (appended through the writer with CheckpointChange).
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

public sealed partial class PostgresOrderStore : IAuditCheckpointStore
{
    public async Task<AuditHeadSet> ReadAuditHeadsAsync(CancellationToken ct = default) =>
        CheckpointRow.HeadSet(
            await QueryAsync(CheckpointRow.HeadsSql, CheckpointRow.ReadHead, ct).ConfigureAwait(false),
            AuditPartitions);

    public async Task<IReadOnlyList<AuditCheckpoint>> ListCheckpointsAsync(long afterSeq, int limit,
        CancellationToken ct = default) =>
        await QueryAsync(CheckpointRow.ListSql(c => "@" + c), CheckpointRow.Read, ct, ("after", afterSeq),
            ("limit", limit)).ConfigureAwait(false);

    public async Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default) =>
        (await QueryAsync(CheckpointRow.LatestSql, CheckpointRow.Read, ct).ConfigureAwait(false)).FirstOrDefault();
}
