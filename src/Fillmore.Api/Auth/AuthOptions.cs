// Authentication configuration (section "Fillmore:Auth"). API keys are stored as SHA-256 hashes,
// never in clear; JWT validation needs an issuer, an audience and a signing key of 32+ bytes.
namespace Fillmore.Api.Auth;

using System.ComponentModel.DataAnnotations;

public sealed class AuthOptions
{
    public List<ApiKeyUser> ApiKeys { get; set; } = [];

    public JwtSettings Jwt { get; set; } = new();
}

public sealed class ApiKeyUser
{
    /// <summary>The user id: for a trader, the trader id that owns orders.</summary>
    [Required] public string User { get; set; } = "";

    [Required] public string Role { get; set; } = Roles.Trader;

    /// <summary>Lower-case hex SHA-256 of the key (`printf %s KEY | sha256sum`).</summary>
    [Required] public string KeySha256 { get; set; } = "";
}

public sealed class JwtSettings
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>HMAC-SHA256 signing key (32 bytes or more). Empty: JWT bearer tokens are not accepted.</summary>
    public string? SigningKey { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(SigningKey);
}
