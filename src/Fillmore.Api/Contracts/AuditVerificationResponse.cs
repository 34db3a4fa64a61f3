// GET /api/v1/audit/verify and `verify-audit`: {"valid":true,"entries":N,"head_id":N,"head_hash":"..."}
// or {"valid":false,...,"first_broken_id":17,"problem":"CHANGED","detail":"..."}. When broken,
// entries/head_id/head_hash describe what verified intact; a broken entry in a partition adds
// first_broken_partition and first_broken_seq (first_broken_id is then absent when the entry is
// missing altogether, e.g. cut from the end of its partition). head_hash is the hash of every
// partition's head (what a checkpoint signs) once the trail has partition entries. With
// `verify-audit --checkpoint`, "checkpoint" says what the checkpoints added (AuditCheckpointCheck).
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public sealed record AuditVerificationResponse(
    bool Valid,
    long Entries,
    long HeadId,
    string HeadHash,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FirstBrokenId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    DateTime VerifiedAt)
{
    /// <summary>`verify-audit --checkpoint`: the chain checked against checkpoints kept outside the database.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AuditCheckpointCheckResponse? Checkpoint { get; init; }

    /// <summary>The partition of the first broken entry (absent in the legacy segment).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FirstBrokenPartition { get; init; }

    /// <summary>The first broken entry's sequence number in its partition.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? FirstBrokenSeq { get; init; }

    public static AuditVerificationResponse From(AuditVerification v, DateTimeOffset now) =>
        new(v.Valid, v.Entries, v.HeadId, v.HeadHash, v.FirstBrokenId, v.Problem is { } p ? ApiNames.Of(p) : null,
            v.Detail, now.UtcDateTime)
        {
            FirstBrokenPartition = v.FirstBrokenPartition, FirstBrokenSeq = v.FirstBrokenSeq,
        };
}
