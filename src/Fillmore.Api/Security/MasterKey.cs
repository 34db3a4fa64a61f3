// A master key of the encryption at rest: 32 bytes, and an id derived from them (a one-way hash,
// safe to store and show) that the data keys it wraps carry. It wraps and unwraps data keys with
// AES-256-GCM; the data key's id is the associated data, so a wrapped key cannot be moved to
// another id.
namespace Fillmore.Api.Security;

using System.Security.Cryptography;
using System.Text;

public sealed class MasterKey
{
    public const int Bytes = 32;
    private const int NonceBytes = 12, TagBytes = 16;
    private readonly byte[] _key;

    public MasterKey(byte[] key)
    {
        if (key.Length != Bytes) throw new ArgumentException($"A master key is {Bytes} bytes.", nameof(key));
        _key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData([.. "fillmore-master-key-id:"u8, .. key]))[..16];
    }

    public string Id { get; }

    /// <summary>Reads base64 text of 32 bytes; null and a reason when it is not one.</summary>
    public static (MasterKey? Key, string? Problem) Parse(string text, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            return bytes.Length == Bytes ? (new MasterKey(bytes), null)
                : (null, $"{source} holds {bytes.Length} bytes; a master key is base64 of exactly {Bytes} "
                    + "(make one with: openssl rand -base64 32).");
        }
        catch (FormatException)
        {
            return (null, $"{source} is not base64 (make a master key with: openssl rand -base64 32).");
        }
    }

    public string Wrap(string dataKeyId, byte[] dataKey) => Seal(_key, dataKey, Aad(dataKeyId));

    /// <exception cref="AuthenticationTagMismatchException">Not wrapped by this key, or changed.</exception>
    public byte[] Unwrap(string dataKeyId, string wrapped) => Open(_key, wrapped, Aad(dataKeyId));

    private static byte[] Aad(string dataKeyId) => Encoding.UTF8.GetBytes("fillmore-data-key:" + dataKeyId);

    /// <summary>base64 of nonce, ciphertext and tag (AES-256-GCM, a fresh random nonce).</summary>
    public static string Seal(byte[] key, byte[] plaintext, byte[] aad)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(^TagBytes), aad);
        return Convert.ToBase64String(output);
    }

    public static byte[] Open(byte[] key, string sealedText, byte[] aad)
    {
        var input = Convert.FromBase64String(sealedText);
        if (input.Length < NonceBytes + TagBytes) throw new AuthenticationTagMismatchException();
        var plaintext = new byte[input.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes, plaintext.Length), input.AsSpan(^TagBytes),
            plaintext, aad);
        return plaintext;
    }
}
