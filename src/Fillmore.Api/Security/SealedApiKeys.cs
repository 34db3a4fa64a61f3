// The encrypted fields of an API key: the key's SHA-256 (key material: with it and the database, a
// stolen copy could be checked against guessed keys) and its label (free text an administrator
// may fill with a person's name). Sealed before a record goes to the store, opened when it comes
// back; the cache and the answers hold them in clear, the store never does.
namespace Fillmore.Api.Security;

using System.Security.Cryptography;
using Fillmore.Core.Ports;

public static class SealedApiKeys
{
    public static ApiKeyRecord Seal(FieldCipher cipher, ApiKeyRecord key) => key with
    {
        KeySha256 = cipher.Seal(key.KeySha256, Place("key_sha256", key.Prefix)),
        Label = key.Label is null ? null : cipher.Seal(key.Label, Place("label", key.Prefix)),
    };

    public static ApiKeyRecord Open(FieldCipher cipher, ApiKeyRecord key) => key with
    {
        KeySha256 = cipher.Open(key.KeySha256, Place("key_sha256", key.Prefix)),
        Label = key.Label is null ? null : cipher.Open(key.Label, Place("label", key.Prefix)),
    };

    /// <summary>Opens every stored key, loading the data keys they name first. A key whose values do not open (changed
    /// in the store, or under a data key this node cannot have) is left out, so it authenticates nowhere, and
    /// reported through <paramref name="unopened"/>: one damaged row must not take every key down.</summary>
    public static async Task<List<ApiKeyRecord>> OpenAllAsync(DataKeyRing ring, FieldCipher cipher,
        IReadOnlyList<ApiKeyRecord> stored, Action<ApiKeyRecord, Exception> unopened, CancellationToken ct)
    {
        await ring.EnsureAsync(stored.SelectMany(k => new[] { k.KeySha256, k.Label }), ct).ConfigureAwait(false);
        var opened = new List<ApiKeyRecord>(stored.Count);
        foreach (var key in stored)
        {
            try { opened.Add(Open(cipher, key)); }
            catch (Exception e) when (e is CryptographicException or KeyNotFoundException or FormatException)
            {
                unopened(key, e);
            }
        }
        return opened;
    }

    private static string Place(string column, string prefix) => $"api_keys.{column}:{prefix}";
}
