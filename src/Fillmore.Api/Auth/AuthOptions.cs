// Authentication configuration (section "Fillmore:Auth"). API keys are stored as SHA-256 hashes,
// never in clear; JWT validation needs an issuer, an audience and a signing key of 32+ bytes.
namespace Fillmore.Api.Auth;

public sealed class AuthOptions
{
    public List<ApiKeyUser> ApiKeys { get; set; } = [];

    public JwtSettings Jwt { get; set; } = new();

    /// <summary>Failed authentications a source address may have in a minute before its requests with
    /// credentials are answered 429 for the rest of that minute (FailedAuthThrottle).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int FailedAttemptsPerAddress { get; set; } = 30;

    /// <summary>Failed authentications with one key prefix (any address) allowed in a minute, likewise.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int FailedAttemptsPerKey { get; set; } = 10;
}
