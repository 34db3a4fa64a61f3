// The encrypted fields of an API key: the key's SHA-256 (key material: with it and the database, a
// stolen copy could be checked against guessed keys) and its label (free text an administrator
// may fill with a person's name). Sealed before a record goes to the store, opened when it comes
// back; the cache and the answers hold them in clear, the store never does.
namespace Fillmore.Api.Security;

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

    /// <summary>Opens every stored key, loading the data keys they name first.</summary>
    public static async Task<List<ApiKeyRecord>> OpenAllAsync(DataKeyRing ring, FieldCipher cipher,
        IReadOnlyList<ApiKeyRecord> stored, CancellationToken ct)
    {
        await ring.EnsureAsync(stored.SelectMany(k => new[] { k.KeySha256, k.Label }), ct).ConfigureAwait(false);
        return stored.Select(k => Open(cipher, k)).ToList();
    }

    private static string Place(string column, string prefix) => $"api_keys.{column}:{prefix}";
}
