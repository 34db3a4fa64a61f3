// JWT bearer validation (section "Fillmore:Auth:Jwt"): an issuer, an audience and the signing keys,
// each of 32+ bytes. Keys are named by `kid` (SigningKeys) so they rotate without a gap; the single
// SigningKey is the key of tokens without a kid. Without any key, bearer tokens are refused.
// Both are read again on every token (IssuerSigningKeyResolver), so a key added to or removed from
// the configuration file takes effect without a restart.
namespace Fillmore.Api.Auth;

public sealed class JwtSettings
{
    public const int MinKeyBytes = 32;

    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>HMAC-SHA256 signing key (32 bytes or more) of tokens without a kid. Empty: none.</summary>
    public string? SigningKey { get; set; }
    /// <summary>Signing keys by kid (tokens name theirs in the header).</summary>
    public List<JwtSigningKey> SigningKeys { get; set; } = [];

    public bool Enabled => !string.IsNullOrEmpty(SigningKey) || SigningKeys.Count > 0;

    /// <summary>What is wrong with the keys, or null.</summary>
    public string? Problem()
    {
        if (!string.IsNullOrEmpty(SigningKey) && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < MinKeyBytes)
            return $"Fillmore:Auth:Jwt:SigningKey must be at least {MinKeyBytes} bytes.";
        if (SigningKeys.Any(k => string.IsNullOrWhiteSpace(k.Kid)))
            return "Every Fillmore:Auth:Jwt:SigningKeys entry needs a Kid.";
        if (SigningKeys.GroupBy(k => k.Kid, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"The JWT signing key id '{twice.Key}' is configured twice.";
        var tooShort = SigningKeys.FirstOrDefault(k => System.Text.Encoding.UTF8.GetByteCount(k.Key) < MinKeyBytes);
        return tooShort is null ? null : $"The JWT signing key '{tooShort.Kid}' must be at least {MinKeyBytes} bytes.";
    }
}
