// A signed statement of the audit chain's head at one moment: "entry HeadId had hash HeadHash".
// The chain alone proves that no entry was changed, inserted or moved; only a head recorded
// somewhere else proves that nothing was cut off its end (or that the whole chain was not
// rewritten and rehashed). Fillmore writes one every Fillmore:Audit:CheckpointInterval while the
// chain grows; compliance exports them and keeps them outside the database, and
// `verify-audit --checkpoint` checks the chain against them (AuditCheckpointCheck).
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
    /// <summary>What the signature covers: every field but the store's sequence number and the signature.</summary>
    public static string SignedText(DateTimeOffset createdAt, long headId, string headHash, string keyId) =>
        $"fillmore-audit-checkpoint/1|{AuditChain.FormatTimestamp(createdAt)}|{headId}|{headHash}|{keyId}";

    public string SignedText() => SignedText(CreatedAt, HeadId, HeadHash, KeyId);
}
