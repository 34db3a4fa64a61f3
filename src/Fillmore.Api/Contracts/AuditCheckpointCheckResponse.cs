// What `verify-audit --checkpoint` adds to the verification: how many checkpoints it used, the one
// that decided (the newest when every one holds, else the one the chain fails), and, when a
// checkpoint could not be used at all, why (CHECKPOINT_SIGNATURE_INVALID, CHECKPOINT_KEY_NOT_TRUSTED).
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;
using Fillmore.Core.Audit;

public sealed record AuditCheckpointCheckResponse(
    int Checkpoints,
    long? Seq,
    long? HeadId,
    string? KeyId,
    DateTime? SignedAt,
    bool Usable,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail)
{
    /// <summary>The deciding checkpoint's version (1: the single chain, 2: every partition's head).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    public static AuditCheckpointCheckResponse From(AuditCheckpointVerdict v) =>
        new(v.Checkpoints, v.Deciding?.Seq, v.Deciding?.HeadId, v.Deciding?.KeyId, v.Deciding?.CreatedAt.UtcDateTime,
            v.Unusable is null, v.Unusable?.Code, v.Unusable?.Detail) { Version = v.Deciding?.Version };
}
