// One JWT signing key of "Fillmore:Auth:Jwt:SigningKeys", named by the key id (`kid`) that tokens
// signed with it carry in their header. Several at once let the issuer rotate: add the new key,
// sign with it, remove the old one once the tokens it signed have expired.
namespace Fillmore.Api.Auth;

public sealed class JwtSigningKey
{
    public string Kid { get; set; } = "";

    /// <summary>HMAC-SHA256 key, 32 bytes or more.</summary>
    public string Key { get; set; } = "";
}
