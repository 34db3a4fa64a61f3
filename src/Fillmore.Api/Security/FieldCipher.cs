// Encrypts and decrypts the sensitive fields (docs/security.md) with AES-256-GCM under the data
// keys this node holds in memory. A value is stored as "enc:v1:<data key id>:<base64 of nonce,
// ciphertext and tag>", so every value names its key and a rotation can leave old values readable
// until they are re-encrypted. The associated data is the value's place (table, column and row),
// so a value copied to another row or column does not decrypt. Text without the marker is a value
// written before encryption was on; it is read as it is and encrypted by the next re-encryption.
namespace Fillmore.Api.Security;

using System.Collections.Frozen;
using System.Text;

public sealed class FieldCipher
{
    public const string Marker = "enc:v1:";

    private readonly Lock _gate = new();
    private FrozenDictionary<string, byte[]> _keys = FrozenDictionary<string, byte[]>.Empty;
    private string _current = "";

    /// <summary>The data key new values are encrypted with.</summary>
    public string CurrentKeyId => _current;

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public string Seal(string plaintext, string place)
    {
        var (id, keys) = (_current, _keys);
        return $"{Marker}{id}:{MasterKey.Seal(keys[id], Encoding.UTF8.GetBytes(plaintext), Aad(place))}";
    }

    /// <exception cref="KeyNotFoundException">The value's data key is not (yet) known to this node.</exception>
    /// <exception cref="System.Security.Cryptography.AuthenticationTagMismatchException">The value was changed or
    /// moved.</exception>
    public string Open(string stored, string place)
    {
        if (KeyIdOf(stored) is not { } id) return stored;
        var body = stored[(Marker.Length + id.Length + 1)..];
        return Encoding.UTF8.GetString(MasterKey.Open(_keys[id], body, Aad(place)));
    }

    /// <summary>The data key id a stored value names; null for a value in clear.</summary>
    public static string? KeyIdOf(string stored)
    {
        if (!stored.StartsWith(Marker, StringComparison.Ordinal)) return null;
        var end = stored.IndexOf(':', Marker.Length);
        return end > Marker.Length ? stored[Marker.Length..end] : null;
    }

    public bool Knows(string id) => _keys.ContainsKey(id);

    /// <summary>Adds data keys; the newest becomes the current one when <paramref name="current"/> is given.</summary>
    public void Add(IEnumerable<(string Id, byte[] Key)> keys, string? current)
    {
        lock (_gate)
        {
            var all = new Dictionary<string, byte[]>(_keys, StringComparer.Ordinal);
            foreach (var (id, key) in keys) all[id] = key;
            _keys = all.ToFrozenDictionary(StringComparer.Ordinal);
            if (current is not null) _current = current;
        }
    }

    private static byte[] Aad(string place) => Encoding.UTF8.GetBytes("fillmore-field:" + place);
}
