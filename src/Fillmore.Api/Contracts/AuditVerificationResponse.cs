// GET /api/v1/audit/verify and `verify-audit`: {"valid":true,"entries":N,"head_id":N,"head_hash":"..."}
// or {"valid":false,...,"first_broken_id":17,"problem":"CHANGED","detail":"..."}. When broken,
// entries/head_id/head_hash describe the intact prefix before the first broken entry. With
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

    public static AuditVerificationResponse From(AuditVerification v, DateTimeOffset now) =>
        new(v.Valid, v.Entries, v.HeadId, v.HeadHash, v.FirstBrokenId, v.Problem is { } p ? ApiNames.Of(p) : null,
            v.Detail, now.UtcDateTime);
}
