// One signed audit checkpoint as GET /api/v1/audit/checkpoints shows it, and as a compliance
// officer saves it for `verify-audit --checkpoint` (docs/audit.md, "Checkpoints").
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Audit;

public sealed record AuditCheckpointResponse(
    long Seq,
    DateTime CreatedAt,
    long HeadId,
    string HeadHash,
    string KeyId,
    string PublicKey,
    string Signature)
{
    public static AuditCheckpointResponse From(AuditCheckpoint c) =>
        new(c.Seq, c.CreatedAt.UtcDateTime, c.HeadId, c.HeadHash, c.KeyId, c.PublicKey, c.Signature);

    public AuditCheckpoint ToCheckpoint() =>
        new(Seq, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), HeadId, HeadHash, KeyId,
            PublicKey, Signature);
}
