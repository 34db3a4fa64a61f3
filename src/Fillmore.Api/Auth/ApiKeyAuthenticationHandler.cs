// Authenticates bots by the X-API-Key header (or the access_token query parameter, which browsers
// need for WebSockets). The key is hashed with SHA-256 and compared in constant time with the
// configured hashes, so the keys themselves are never stored.
namespace Fillmore.Api.Auth;

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Fillmore.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-API-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[Header].FirstOrDefault() ?? Request.Query["access_token"].FirstOrDefault();
        if (string.IsNullOrEmpty(key)) return Task.FromResult(AuthenticateResult.NoResult());
        var user = Find(key);
        if (user is null) return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        var identity = new ClaimsIdentity([new Claim("sub", user.User), new Claim("role", user.Role)], SchemeName,
            "sub", "role");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity),
            SchemeName)));
    }

    private ApiKeyUser? Find(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        ApiKeyUser? match = null;
        foreach (var user in auth.CurrentValue.ApiKeys)
        {
            if (user.KeySha256.Length == 64
                && CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(user.KeySha256)))
                match = user;
        }
        return match;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, AuthProblems.Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, AuthProblems.Forbidden);
}
