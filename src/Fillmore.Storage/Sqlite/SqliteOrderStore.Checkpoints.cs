// Audit checkpoints on SQLite: the chain's head to sign, and the checkpoints written so far
// (appended through the writer with CheckpointChange).
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

public sealed partial class SqliteOrderStore : IAuditCheckpointStore
{
    public async Task<(long Id, string Hash)?> ReadAuditHeadAsync(CancellationToken ct = default) =>
        (await QueryAsync("SELECT id, hash FROM execution_log ORDER BY id DESC LIMIT 1",
            r => ((long Id, string Hash)?)(r.GetInt64(0), r.GetString(1)), ct).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<IReadOnlyList<AuditCheckpoint>> ListCheckpointsAsync(long afterSeq, int limit,
        CancellationToken ct = default) =>
        await QueryAsync($"SELECT {CheckpointRow.Columns} FROM audit_checkpoints WHERE seq > $after ORDER BY seq "
            + "LIMIT $limit", CheckpointRow.Read, ct, ("$after", afterSeq), ("$limit", limit)).ConfigureAwait(false);

    public async Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {CheckpointRow.Columns} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1",
            CheckpointRow.Read, ct).ConfigureAwait(false)).FirstOrDefault();
}
