namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public sealed class ErrorAndAuthTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_malformed_order_gets_every_field_error_at_once_and_nothing_is_stored()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var response = await alice.SubmitAsync(new { symbol = "aapl!", side = "HOLD", quantity = 1.5, order_type = "LIMIT", stop_price = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(("VALIDATION_FAILED", 400), (problem.Str("code"), problem.GetProperty("status").GetInt32()));
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["symbol", "side", "quantity", "price", "stop_price"], errors.Select(e => e.Str("field")));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Str("suggestion"))));
        Assert.Equal(0, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("{bad", "MALFORMED_JSON", null)]
    [InlineData("{\"symbol\":\"AAPL\",\"quantity\":\"ten\"}", "FIELD_TYPE_INVALID", "quantity")]
    [InlineData("{\"symbol\":[1]}", "FIELD_TYPE_INVALID", "symbol")]
    [InlineData("null", "BODY_REQUIRED", null)]
    [InlineData("", "MALFORMED_JSON", null)]
    public async Task Unreadable_bodies_get_a_problem_not_a_500(string body, string code, string? field)
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var response = await alice.PostAsync("/api/v1/orders", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.Str("code"));
        Assert.Equal(field ?? "", problem.GetProperty("errors")[0].Str("field"));
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_get_401_and_the_wrong_role_403()
    {
        var anonymous = _factory.CreateClient();
        var none = await anonymous.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await none.JsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.ClientFor("not-a-key").GetAsync("/api/v1/orders")).StatusCode);

        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        var trade = await compliance.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        Assert.Equal(HttpStatusCode.Forbidden, trade.StatusCode);
        Assert.Equal("FORBIDDEN", (await trade.JsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/api/v1/admin/execution-flag")).StatusCode);
    }

    [Fact]
    public async Task A_jwt_signed_with_the_configured_key_authenticates_and_a_forged_one_does_not()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("DEMO-ONLY-fillmore-dev-signing-key-not-a-secret-0123456789"));
        var created = await client.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("alice", (await created.JsonAsync()).Str("trader_id"));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("an-attacker-key-that-is-long-enough-0123456789"));
        var forged = await client.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await forged.JsonAsync()).Str("code"));
    }

    private string Token(string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "fillmore-dev",
        Audience = "fillmore-api",
        Subject = new ClaimsIdentity([new Claim("sub", "alice"), new Claim("role", "trader")]),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task Unknown_routes_and_bad_ids_are_problems_too()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var route = await alice.GetAsync("/api/v1/nothing-here");
        Assert.Equal((HttpStatusCode.NotFound, "ROUTE_NOT_FOUND"), (route.StatusCode, (await route.JsonAsync()).Str("code")));
        var id = await alice.GetAsync("/api/v1/orders/not-a-uuid");
        Assert.Equal((HttpStatusCode.BadRequest, "ORDER_ID_INVALID"), (id.StatusCode, (await id.JsonAsync()).Str("code")));
        var unknown = await alice.GetAsync($"/api/v1/orders/{Guid.NewGuid()}");
        Assert.Equal((HttpStatusCode.NotFound, "ORDER_NOT_FOUND"), (unknown.StatusCode, (await unknown.JsonAsync()).Str("code")));
    }

    [Fact]
    public async Task Health_openapi_and_the_reference_page_are_served()
    {
        var client = _factory.CreateClient();
        var health = await (await client.GetAsync("/api/v1/health")).JsonAsync();
        Assert.Equal("ok", health.Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openapi = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/v1/orders", out _));
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/v1/orders/{id}/cancel", out _));
        var retry = openapi.GetProperty("paths").GetProperty("/api/v1/orders/{id}/retry").GetProperty("post").GetProperty("responses");
        Assert.True(retry.TryGetProperty("200", out _) && retry.TryGetProperty("202", out _), retry.ToString());
        var stream = openapi.GetProperty("paths").GetProperty("/ws/orders/events");
        Assert.Equal(["get"], stream.EnumerateObject().Select(o => o.Name).Where(n => n is not ("summary" or "description" or "parameters")));
        var reference = await client.GetAsync("/docs/api");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType!.ToString());
    }
}
