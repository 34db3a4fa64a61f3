// One signed audit checkpoint as GET /api/v1/audit/checkpoints shows it, and as a compliance
// officer saves it for `verify-audit --checkpoint` (docs/audit.md, "Checkpoints"). Version 1 (the
// single chain) names one entry; version 2 (the partitioned trail) also lists what it signs: the
// partition count, the legacy segment's head and every partition's head, which hash to head_hash.
// A saved checkpoint without "version" is version 1 (written before versions were shown).
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;
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
    public int? Version { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Partitions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LegacyHeadId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LegacyHeadHash { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AuditHeadResponse>? Heads { get; init; }

    public static AuditCheckpointResponse From(AuditCheckpoint c)
    {
        var response = new AuditCheckpointResponse(c.Seq, c.CreatedAt.UtcDateTime, c.HeadId, c.HeadHash, c.KeyId,
            c.PublicKey, c.Signature) { Version = c.Version };
        return c.Version != AuditCheckpoint.Partitioned ? response : response with
        {
            Partitions = c.Partitions, LegacyHeadId = c.LegacyHeadId, LegacyHeadHash = c.LegacyHeadHash,
            Heads = c.Heads.Select(h => new AuditHeadResponse(h.Partition, h.Seq, h.Hash)).ToList(),
        };
    }

    public AuditCheckpoint ToCheckpoint() =>
        new(Seq, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), HeadId, HeadHash, KeyId,
            PublicKey, Signature)
        {
            Version = Version ?? AuditCheckpoint.SingleChain, Partitions = Partitions ?? 0,
            LegacyHeadId = LegacyHeadId ?? 0, LegacyHeadHash = LegacyHeadHash,
            Heads = Heads?.Select(h => new AuditHead(h.Partition, h.Seq, h.Hash)).ToList() ?? [],
        };
}
