// The demo credentials of appsettings.Development.json (clear keys in the README). They are public,
// so a service outside Development refuses to start when its configuration still holds one of
// them: a copied development file must not open a production service to anyone who read the README.
namespace Fillmore.Api.Auth;

public static class DemoCredentials
{
    /// <summary>SHA-256 of alice-demo-key, bob-demo-key, compliance-demo-key and admin-demo-key.</summary>
    public static readonly string[] KeyHashes =
    [
        "0572c17ed012b3efdf9df98db1718f225887132739b8da945d81ac5a7d1fea45",
        "3a1f6bae21de4f036f2aba80fce463677f1070f8bf81f0f475604cccd8e2d7f3",
        "196ebf9c48b12da9c031b72c79cddc11c1b0ad3280f24856a427346aba6f34e2",
        "806647bb62d32253b6797dad9d71d211d172005a6564317a920e9ba78322a338",
    ];

    /// <summary>Demo signing keys start with this.</summary>
    public const string JwtKeyMarker = "DEMO-ONLY";

    /// <summary>Why <paramref name="auth"/> may not run outside Development, or null.</summary>
    public static string? Problem(AuthOptions auth)
    {
        if (auth.ApiKeys.FirstOrDefault(k => KeyHashes.Contains(k.KeySha256, StringComparer.OrdinalIgnoreCase))
            is { } demo)
            return $"Fillmore:Auth:ApiKeys holds the public demo key of '{demo.User}' outside Development. Remove it "
                + "and create keys with POST /api/v1/admin/api-keys (or configure your own hashes).";
        var jwt = auth.Jwt;
        return (jwt.SigningKey ?? "").StartsWith(JwtKeyMarker, StringComparison.Ordinal)
            || jwt.SigningKeys.Any(k => k.Key.StartsWith(JwtKeyMarker, StringComparison.Ordinal))
            ? "Fillmore:Auth:Jwt holds the public demo signing key outside Development. Configure a secret key of "
                + "your own (32 bytes or more), from a secret variable or file, never from appsettings."
            : null;
    }
}
