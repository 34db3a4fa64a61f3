// Each pre-trade rule seen from a bot: the 422 problem it gets, with the rule's code first, and
// the denied order persisted with its reasons, never sent.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Fillmore.Core.Orders;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public sealed class RiskApiTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> AdminSetsAsync(string trader, object body) =>
        _factory.ClientFor(FillmoreFactory.Admin).PutAsJsonAsync($"/api/v1/admin/accounts/{trader}", body);

    private async Task<(HttpStatusCode Status, string Code, System.Text.Json.JsonElement Problem)> SubmitAsync(HttpClient client, object order)
    {
        var response = await client.SubmitAsync(order);
        var body = await response.JsonAsync();
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString()! : "", body);
    }

    public static TheoryData<string, object?, object> Refusals() => new()
    {
        { "INSUFFICIENT_FUNDS", new { cash = 3_200m }, new { symbol = "AAPL", side = "BUY", quantity = 30, order_type = "LIMIT", price = 180.00m } },
        { "PRICE_OUT_OF_BAND", null, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 100.00m } },
        { "ACCOUNT_HALTED", new { trading_halted = true }, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" } },
        { "INSUFFICIENT_POSITION", null, new { symbol = "AAPL", side = "SELL", quantity = 10, order_type = "MARKET" } },
        { "POSITION_LIMIT_EXCEEDED", new { limits = new { max_position_shares = 5 } }, new { symbol = "AAPL", side = "BUY", quantity = 6, order_type = "MARKET" } },
        { "POSITION_NOTIONAL_LIMIT_EXCEEDED", new { limits = new { max_position_notional = 1_000m } }, new { symbol = "AAPL", side = "BUY", quantity = 6, order_type = "MARKET" } },
        { "DAILY_LOSS_LIMIT_REACHED", new { limits = new { daily_loss_limit = 0m } }, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" } },
        { "ORDER_NOTIONAL_LIMIT_EXCEEDED", new { limits = new { max_order_notional = 1_000m } }, new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "LIMIT", price = 180.00m } },
        { "MAX_OPEN_ORDERS_REACHED", new { limits = new { max_open_orders = 0 } }, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" } },
        { "UNKNOWN_SYMBOL", null, new { symbol = "ZZZZ", side = "BUY", quantity = 1, order_type = "MARKET" } },
        { "SYMBOL_HALTED", null, new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET" } },
        { "SYMBOL_NOT_TRADABLE", null, new { symbol = "LEHM", side = "BUY", quantity = 1, order_type = "MARKET" } },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_answers_422_with_its_code_and_a_suggestion(string code, object? account, object order)
    {
        if (account is not null) Assert.Equal(HttpStatusCode.OK, (await AdminSetsAsync("alice", account)).StatusCode);
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var (status, actual, problem) = await SubmitAsync(alice, order);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, code), (status, actual));
        var first = problem.GetProperty("errors")[0];
        Assert.Equal(code, first.Str("code"));
        Assert.False(string.IsNullOrWhiteSpace(first.Str("suggestion")));
        Assert.Contains(first.Str("message"), problem.Str("detail"));

        var denied = Assert.Single((await (await alice.GetAsync("/api/v1/orders?status=DENIED")).JsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(denied.Id(), problem.Str("order_id"));                            // the 422 names the order it stored
        var audit = (await (await alice.GetAsync($"/api/v1/orders/{denied.Id()}/audit")).JsonAsync()).GetProperty("data");
        Assert.Equal(code, audit[1].Str("error_code"));
        Assert.False(_factory.Venue.Submissions.ContainsKey(new OrderId(Guid.Parse(denied.Id()))));
    }

    [Fact]
    public async Task Insufficient_funds_reads_as_the_spec_asks()
    {
        await AdminSetsAsync("alice", new { cash = 3_200m });
        var (_, _, problem) = await SubmitAsync(_factory.ClientFor(FillmoreFactory.Alice),
            new { symbol = "AAPL", side = "BUY", quantity = 25, order_type = "LIMIT", price = 200.00m });
        Assert.Equal("Insufficient funds for $5,000.00 order; available: $3,200.00. Reduce the quantity to 16 shares or add $1,800.00.", problem.Str("detail"));
    }

    [Fact]
    public async Task The_global_halt_refuses_orders_but_not_cancels_and_survives_until_lifted()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var resting = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(resting, "PENDING");
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        // Only blocking: the kill switch's cancel of what is open is ControlsTests'.
        await admin.PutAsJsonAsync("/api/v1/admin/trading-halt",
            new { halted = true, reason = "market-wide circuit breaker", cancel_open_orders = false });

        var (status, code, problem) = await SubmitAsync(alice, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "TRADING_HALTED"), (status, code));
        Assert.Contains("market-wide circuit breaker", problem.Str("detail"));
        Assert.True((await alice.PostAsync($"/api/v1/orders/{resting}/cancel", null)).IsSuccessStatusCode);
        await alice.WaitForStatusAsync(resting, "CANCELLED");

        await admin.PutAsJsonAsync("/api/v1/admin/trading-halt", new { halted = false });
        Assert.Equal(HttpStatusCode.Created, (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).StatusCode);
    }

    [Fact]
    public async Task Missing_account_or_limits_fail_closed()
    {
        var carol = Bearer("carol");
        Assert.Equal("ACCOUNT_NOT_FOUND", (await SubmitAsync(carol, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).Code);
        await AdminSetsAsync("carol", new { cash = 10_000m });
        Assert.Equal("LIMITS_NOT_CONFIGURED", (await SubmitAsync(carol, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).Code);
        await AdminSetsAsync("carol", new
        {
            limits = new { max_position_shares = 100, max_position_notional = 50_000m, max_order_notional = 10_000m, max_open_orders = 5, daily_loss_limit = 500m },
        });
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(carol, new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).Status);
    }

    [Fact]
    public async Task A_price_off_the_tick_is_a_field_error()
    {
        var (status, code, problem) = await SubmitAsync(_factory.ClientFor(FillmoreFactory.Alice),
            new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 180.005m });
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (status, code));
        Assert.Equal("PRICE_NOT_ON_TICK", problem.GetProperty("errors")[0].Str("code"));
    }

    [Fact]
    public async Task Concurrent_orders_never_jointly_exceed_buying_power()
    {
        await AdminSetsAsync("alice", new { cash = 10_000m });
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "LIMIT", price = 175.00m };   // $1,750 each
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ => await SubmitAsync(alice, order)));
        Assert.Equal(5, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal("INSUFFICIENT_FUNDS", r.Code));

        var account = await (await alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(10_000m, account.GetProperty("cash").GetDecimal());
        Assert.Equal(8_750m, account.GetProperty("reserved").GetDecimal());
        Assert.Equal(1_250m, account.GetProperty("buying_power").GetDecimal());
    }

    [Fact]
    public async Task The_account_shows_cash_positions_pnl_and_limit_usage_after_a_fill()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        _factory.Venue.SetPrice(Symbol.Of("AAPL"), 190.00m);                          // bid 189.99, ask 190.01
        var id = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(id, "FILLED");
        await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 2, order_type = "LIMIT", price = 180.00m });

        var account = await (await alice.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(100_000m - 1_900.10m - 1.00m, account.GetProperty("cash").GetDecimal());
        Assert.Equal(360m, account.GetProperty("reserved").GetDecimal());
        Assert.Equal(-1.00m, account.GetProperty("realised_pnl_today").GetDecimal());
        var position = Assert.Single(account.GetProperty("positions").EnumerateArray());
        Assert.Equal((10L, 190.01m, 190.00m), (position.GetProperty("quantity").GetInt64(), position.GetProperty("average_cost").GetDecimal(), position.GetProperty("market_price").GetDecimal()));
        Assert.Equal(-0.10m, account.GetProperty("unrealised_pnl").GetDecimal());
        var limits = account.GetProperty("limits").EnumerateArray().ToDictionary(l => l.Str("name"));
        Assert.Equal(1, limits["max_open_orders"].GetProperty("current").GetDecimal());
        Assert.Equal(1.10m, limits["daily_loss_limit"].GetProperty("current").GetDecimal());
        Assert.Equal(10, limits["max_position_shares"].GetProperty("current").GetDecimal());

        var bobSees = await _factory.ClientFor(FillmoreFactory.Bob).GetAsync("/api/v1/account?trader_id=alice");
        Assert.Equal("bob", (await bobSees.JsonAsync()).Str("trader_id"));
        var compliance = await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/account?trader_id=alice");
        Assert.Equal("alice", (await compliance.JsonAsync()).Str("trader_id"));
    }

    private HttpClient Bearer(string trader)
    {
        var client = _factory.CreateClient();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "fillmore-dev", Audience = "fillmore-api", Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", trader), new Claim("role", "trader")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("DEMO-ONLY-fillmore-dev-signing-key-not-a-secret-0123456789")), SecurityAlgorithms.HmacSha256),
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class RateLimitTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public RateLimitTests() => _factory.Settings["Fillmore:RateLimit:OrdersPerMinute"] = "3";

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_trader_past_the_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m };
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await alice.SubmitAsync(order)).StatusCode);
        var limited = await alice.SubmitAsync(order);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var problem = await limited.JsonAsync();
        Assert.Equal(("RATE_LIMITED", 3), (problem.Str("code"), problem.GetProperty("errors")[0].GetProperty("details").GetProperty("limit_per_minute").GetInt32()));
        Assert.Equal(3, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());

        Assert.Equal(HttpStatusCode.Created, (await _factory.ClientFor(FillmoreFactory.Bob).SubmitAsync(order)).StatusCode);
        var id = (await (await alice.GetAsync("/api/v1/orders?limit=1")).JsonAsync()).GetProperty("data")[0].Id();
        Assert.True((await alice.PostAsync($"/api/v1/orders/{id}/cancel", null)).IsSuccessStatusCode);
    }
}
