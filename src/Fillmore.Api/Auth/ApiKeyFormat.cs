// The shape of a key the admin API creates: "fmk_" and 12 hex digits (the public prefix, which
// names the key in listings, logs and audit entries), "_", then 43 characters of base64url (32
// random bytes, the secret). Only the SHA-256 of the whole key is stored. Keys configured as
// hashes (Fillmore:Auth:ApiKeys) have no prefix and keep working as they are.
namespace Fillmore.Api.Auth;

using System.Security.Cryptography;
using System.Text;

public static class ApiKeyFormat
{
    public const string Marker = "fmk_";
    /// <summary>"fmk_" + 12 hex digits.</summary>
    public const int PrefixLength = 16;
    private const int SecretBytes = 32;

    /// <summary>A new key and its prefix, from the system's cryptographic random source.</summary>
    public static (string Prefix, string Key) Generate()
    {
        var prefix = Marker + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (prefix, prefix + "_" + secret);
    }

    /// <summary>The prefix of a presented key that has the shape of a created one, else null.</summary>
    public static string? PrefixOf(string presented) =>
        presented.Length > PrefixLength + 1 && presented.StartsWith(Marker, StringComparison.Ordinal)
        && presented[PrefixLength] == '_' && IsPrefix(presented[..PrefixLength])
            ? presented[..PrefixLength] : null;

    /// <summary>Whether <paramref name="text"/> is a key id as listings show it (fmk_ and 12 hex digits).</summary>
    public static bool IsPrefix(string? text) =>
        text is { Length: PrefixLength } && text.StartsWith(Marker, StringComparison.Ordinal)
        && !text.AsSpan(Marker.Length).ContainsAnyExcept("0123456789abcdef");

    public static byte[] Sha256(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
