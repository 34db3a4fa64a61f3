// Authenticates bots by the X-API-Key header (or the access_token query parameter, which browsers
// need for WebSockets). A key created through the admin API is found by its public prefix in this
// node's ApiKeyCache and must be neither revoked nor expired; a key configured as a hash
// (Fillmore:Auth:ApiKeys) is compared with every configured hash. Either way the presented key is
// hashed with SHA-256 and compared in constant time, an unknown prefix is compared with a dummy
// hash the same way, and every failure is the same 401: the answer never tells whether a key, its
// prefix or its user exists, or that it was revoked. Failures are counted for FailedAuthThrottle.
namespace Fillmore.Api.Auth;

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Fillmore.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth,
    ApiKeyCache keys,
    FailedAuthThrottle throttle,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-API-Key";
    /// <summary>The claim naming the created key that authenticated the request (its prefix).</summary>
    public const string KeyClaim = "key";

    private static readonly byte[] Dummy = new byte[32];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Presented(Request);
        if (string.IsNullOrEmpty(key)) return Task.FromResult(AuthenticateResult.NoResult());
        var prefix = ApiKeyFormat.PrefixOf(key);
        var (user, role) = prefix is null ? FindConfigured(key) : FindCreated(prefix, key);
        if (user is null)
        {
            var address = FailedAuthThrottle.AddressOf(Context);
            throttle.RecordFailure(address, prefix);
            LogRefused(Logger, prefix ?? "(none)", address);
            return Task.FromResult(AuthenticateResult.Fail("Unknown, revoked or expired API key."));
        }
        List<Claim> claims = [new("sub", user), new("role", role!)];
        if (prefix is not null) claims.Add(new(KeyClaim, prefix));
        var identity = new ClaimsIdentity(claims, SchemeName, "sub", "role");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity),
            SchemeName)));
    }

    /// <summary>The API key a request presents, if any.</summary>
    public static string? Presented(HttpRequest request) =>
        request.Headers[Header].FirstOrDefault() ?? request.Query["access_token"].FirstOrDefault();

    private (string? User, string? Role) FindCreated(string prefix, string key)
    {
        var record = keys.Find(prefix);
        var expected = record is null ? Dummy : Convert.FromHexString(record.KeySha256);
        var now = clock.GetUtcNow();
        var matches = CryptographicOperations.FixedTimeEquals(ApiKeyFormat.Sha256(key), expected);
        if (!matches || record is null || !record.ValidAt(now)) return (null, null);
        keys.NoteUse(record, now);
        return (record.User.Value, ApiKeyScopes.RoleOf(record.Scope));
    }

    private (string? User, string? Role) FindConfigured(string key)
    {
        var hash = ApiKeyFormat.Sha256(key);
        ApiKeyUser? match = null;
        foreach (var user in auth.CurrentValue.ApiKeys)
        {
            if (user.KeySha256.Length == 64
                && CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(user.KeySha256)))
                match = user;
        }
        return (match?.User, match?.Role);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, AuthProblems.Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, AuthProblems.Forbidden);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "auth.failed",
        Message = "Refused an API key (prefix {Prefix}) from {Address}: unknown, revoked or expired.")]
    private static partial void LogRefused(ILogger log, string prefix, string address);
}
