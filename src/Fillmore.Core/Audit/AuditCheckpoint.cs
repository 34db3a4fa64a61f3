// A signed statement of the audit trail's state at one moment. The chains alone prove that no
// entry was changed, inserted or moved; only heads recorded somewhere else prove that nothing was
// cut off an end (or that a chain was not rewritten and rehashed). Fillmore writes one every
// Fillmore:Audit:CheckpointInterval while the trail grows; compliance exports them and keeps them
// outside the database, and `verify-audit --checkpoint` checks the trail against them
// (AuditCheckpointCheck).
//   version 1 (fillmore-audit-checkpoint/1, the single chain): "entry HeadId had hash HeadHash";
//   version 2 (fillmore-audit-checkpoint/2, partitioned): every partition's head and the legacy
//     segment's head (Heads, LegacyHeadId, LegacyHeadHash); HeadHash is their hash
//     (AuditChain.HeadsHash) and HeadId the number of entries they cover. The signature covers
//     the hash, so the listed heads must hash to it for the checkpoint to prove anything.
// The signature (ECDSA P-256, SHA-256, IEEE P1363 encoding, base64) covers SignedText; the public
// key (SubjectPublicKeyInfo, base64) travels with it, and KeyId is the start of its SHA-256, so a
// checkpoint stays verifiable after the signing key is rotated.
namespace Fillmore.Core.Audit;

public sealed record AuditCheckpoint(
    long Seq,
    DateTimeOffset CreatedAt,
    long HeadId,
    string HeadHash,
    string KeyId,
    string PublicKey,
    string Signature)
{
    public const int SingleChain = 1, Partitioned = 2;

    public int Version { get; init; } = SingleChain;

    /// <summary>Version 2: the store's partition count.</summary>
    public int Partitions { get; init; }

    /// <summary>Version 2: the legacy segment's head (0 and 64 zeros when the store never had one).</summary>
    public long LegacyHeadId { get; init; }

    public string? LegacyHeadHash { get; init; }

    /// <summary>Version 2: the head of every partition with entries, in partition order.</summary>
    public IReadOnlyList<AuditHead> Heads { get; init; } = [];

    /// <summary>What a version 1 signature covers: every field but the store's sequence number and the
    /// signature.</summary>
    public static string SignedText(DateTimeOffset createdAt, long headId, string headHash, string keyId) =>
        $"fillmore-audit-checkpoint/1|{AuditChain.FormatTimestamp(createdAt)}|{headId}|{headHash}|{keyId}";

    /// <summary>What a version 2 signature covers: the time, the partition count, the entries covered, the heads'
    /// hash and the key.</summary>
    public static string SignedText(DateTimeOffset createdAt, int partitions, long entries, string headsHash,
        string keyId) =>
        $"fillmore-audit-checkpoint/2|{AuditChain.FormatTimestamp(createdAt)}|{partitions}|{entries}|{headsHash}|"
        + keyId;

    public string SignedText() => Version == Partitioned
        ? SignedText(CreatedAt, Partitions, HeadId, HeadHash, KeyId)
        : SignedText(CreatedAt, HeadId, HeadHash, KeyId);

    /// <summary>Version 2: the heads it lists hash to what it signs, and count the entries it says.</summary>
    public bool HeadsConsistent => Version != Partitioned
        || (LegacyHeadHash is not null && Heads.All(h => h.Partition >= 0 && h.Partition < Partitions && h.Seq > 0)
            && Heads.Select(h => h.Partition).Distinct().Count() == Heads.Count
            && AuditChain.HeadsHash(LegacyHeadId, LegacyHeadHash, Heads) == HeadHash
            && LegacyHeadId + Heads.Sum(h => h.Seq) == HeadId);

    public bool Equals(AuditCheckpoint? other) =>
        other is not null && Seq == other.Seq && CreatedAt == other.CreatedAt && HeadId == other.HeadId
        && HeadHash == other.HeadHash && KeyId == other.KeyId && PublicKey == other.PublicKey
        && Signature == other.Signature && Version == other.Version && Partitions == other.Partitions
        && LegacyHeadId == other.LegacyHeadId && LegacyHeadHash == other.LegacyHeadHash
        && Heads.SequenceEqual(other.Heads);

    public override int GetHashCode() => HashCode.Combine(Seq, HeadId, HeadHash, Signature, Version);
}
