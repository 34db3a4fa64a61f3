// What a browser is told: every answer (success, problem, unknown route) carries the security
// headers; cross-origin reads are off unless origins are configured, and then only for them.
namespace Fillmore.Api.Tests;

using System.Net;

public sealed class BrowserHeaderTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/v1/orders", FillmoreFactory.Alice, HttpStatusCode.OK)]
    [InlineData("/api/v1/orders", "wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/orders?limit=ten", FillmoreFactory.Alice, HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/nothing-here", FillmoreFactory.Alice, HttpStatusCode.NotFound)]
    public async Task Every_answer_carries_the_security_headers(string path, string key, HttpStatusCode status)
    {
        var response = await _factory.ClientFor(key).GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/orders");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        return await _factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Without_configured_origins_no_answer_allows_a_cross_origin_read()
    {
        var preflight = await PreflightAsync("https://evil.example");
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orders");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("X-API-Key", FillmoreFactory.Alice);
        Assert.False((await _factory.CreateClient().SendAsync(request)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Configured_origins_and_only_they_may_read_across_origins()
    {
        _factory.Settings["Fillmore:Cors:Origins:0"] = "https://desk.example.com";
        var allowed = await PreflightAsync("https://desk.example.com");
        Assert.Equal("https://desk.example.com", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False((await PreflightAsync("https://evil.example")).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
