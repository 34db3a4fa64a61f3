// JWT bearer validation (section "Fillmore:Auth:Jwt"): an issuer, an audience and a signing key
// of 32+ bytes. Without a key, bearer tokens are refused.
namespace Fillmore.Api.Auth;

public sealed class JwtSettings
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>HMAC-SHA256 signing key (32 bytes or more). Empty: JWT bearer tokens are not accepted.</summary>
    public string? SigningKey { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(SigningKey);
}
