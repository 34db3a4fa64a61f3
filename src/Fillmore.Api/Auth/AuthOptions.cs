// Authentication configuration (section "Fillmore:Auth"). API keys are stored as SHA-256 hashes,
// never in clear; JWT validation needs an issuer, an audience and a signing key of 32+ bytes.
namespace Fillmore.Api.Auth;

public sealed class AuthOptions
{
    public List<ApiKeyUser> ApiKeys { get; set; } = [];

    public JwtSettings Jwt { get; set; } = new();
}
