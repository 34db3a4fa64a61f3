// JWT signing keys by key id, and the demo credentials kept to Development: a token is checked
// against the configured key its kid names (several at once, so the issuer rotates without a
// gap), a kid no longer configured fails, and a service outside Development refuses to start with
// a demo key or the demo signing key in its configuration.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public sealed class SigningKeyTests : IDisposable
{
    private const string Old = "the-old-signing-key-of-the-issuer-0123456789";
    private const string New = "the-new-signing-key-of-the-issuer-9876543210";
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string Token(string key, string? kid) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "fillmore-dev",
        Audience = "fillmore-api",
        Subject = new ClaimsIdentity([new Claim("sub", "alice"), new Claim("role", "trader")]),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) { KeyId = kid },
            SecurityAlgorithms.HmacSha256),
    });

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/orders")).StatusCode;
    }

    [Fact]
    public async Task Tokens_are_checked_against_the_key_their_kid_names_and_a_removed_kid_fails()
    {
        _factory.Settings["Fillmore:Auth:Jwt:SigningKeys:0:Kid"] = "2026-10";
        _factory.Settings["Fillmore:Auth:Jwt:SigningKeys:0:Key"] = Old;
        _factory.Settings["Fillmore:Auth:Jwt:SigningKeys:1:Kid"] = "2026-11";
        _factory.Settings["Fillmore:Auth:Jwt:SigningKeys:1:Key"] = New;

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(Token(Old, "2026-10")));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(Token(New, "2026-11")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(Old, "2026-11")));    // kid names another key
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(Old, "2026-09")));    // no such kid
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(Old, null)));         // not the kid-less key
    }

    [Theory]
    [InlineData("Fillmore:Auth:ApiKeys:0:KeySha256", "806647bb62d32253b6797dad9d71d211d172005a6564317a920e9ba78322a338")]
    [InlineData("Fillmore:Auth:Jwt:SigningKey", "DEMO-ONLY-fillmore-dev-signing-key-not-a-secret-0123456789")]
    public void Outside_Development_a_demo_credential_stops_the_service_from_starting(string setting, string value)
    {
        _factory.Settings[setting] = value;
        _factory.Settings["Fillmore:Auth:ApiKeys:0:User"] = "admin";
        _factory.Settings["Fillmore:Auth:ApiKeys:0:Role"] = "admin";
        var masterKey = Path.Combine(_factory.DataDir, "production-master.key");
        File.WriteAllText(masterKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        _factory.Settings["Fillmore:Encryption:MasterKeyFile"] = masterKey;
        using var production = _factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var refused = Assert.ThrowsAny<OptionsValidationException>(() => production.CreateClient());
        Assert.Contains("Development only", refused.Message);
    }

    [Fact]
    public void A_signing_key_shorter_than_32_bytes_stops_the_service_from_starting()
    {
        _factory.Settings["Fillmore:Auth:Jwt:SigningKeys:0:Kid"] = "short";
        _factory.Settings["Fillmore:Auth:Jwt:SigningKeys:0:Key"] = "too-short";
        Assert.ThrowsAny<OptionsValidationException>(() => _factory.CreateClient());
    }
}
