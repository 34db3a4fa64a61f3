// Signs audit checkpoints with one ECDSA P-256 key, and checks any checkpoint's signature with
// the public key it carries. Where the key comes from (a file, a secret) is the host's business.
namespace Fillmore.Core.Audit;

using System.Security.Cryptography;
using System.Text;

public sealed class AuditCheckpointSigner(ECDsa key)
{
    /// <summary>The public key, SubjectPublicKeyInfo in base64: what a checkpoint carries.</summary>
    public string PublicKey { get; } = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    public string KeyId => KeyIdOf(PublicKey);

    /// <summary>The first 16 hex digits of the SHA-256 of the public key.</summary>
    public static string KeyIdOf(string publicKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(publicKey)))[..16];

    /// <summary>A version 1 checkpoint (the single chain) of the head (<paramref name="headId"/>,
    /// <paramref name="headHash"/>) at
    /// <paramref name="now"/>; its Seq is the store's to give.</summary>
    public AuditCheckpoint Sign(long headId, string headHash, DateTimeOffset now)
    {
        var text = AuditCheckpoint.SignedText(now, headId, headHash, KeyId);
        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(0, now, headId, headHash, KeyId, PublicKey, Convert.ToBase64String(signature));
    }

    /// <summary>A version 2 checkpoint of the whole partitioned trail at <paramref name="now"/>; its Seq is the
    /// store's to give.</summary>
    public AuditCheckpoint Sign(AuditHeadSet heads, DateTimeOffset now)
    {
        var (written, headsHash) = (heads.Written, heads.HeadsHash);
        var text = AuditCheckpoint.SignedText(now, heads.Partitions, heads.Entries, headsHash, KeyId);
        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(0, now, heads.Entries, headsHash, KeyId, PublicKey,
            Convert.ToBase64String(signature))
        {
            Version = AuditCheckpoint.Partitioned, Partitions = heads.Partitions, LegacyHeadId = heads.LegacyHeadId,
            LegacyHeadHash = heads.LegacyHeadHash, Heads = written,
        };
    }

    /// <summary>Whether the checkpoint's signature is the one its own public key makes over its fields, and its key
    /// id is that key's.</summary>
    public static bool SignatureHolds(AuditCheckpoint checkpoint)
    {
        try
        {
            if (KeyIdOf(checkpoint.PublicKey) != checkpoint.KeyId) return false;
            using var verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(Convert.FromBase64String(checkpoint.PublicKey), out _);
            return verifier.KeySize == 256 && verifier.VerifyData(Encoding.UTF8.GetBytes(checkpoint.SignedText()),
                Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            return false;   // missing, not base64, or not a key: not a signature that holds
        }
    }
}
