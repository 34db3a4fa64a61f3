// What a client gets for a request that cannot be carried out as sent, on the routes besides
// submit's own field rules (ErrorAndAuthTests, OrderTypesTests): query parameters that are not
// numbers, unknown or repeated parameters and body fields, admin bodies that are missing, not
// JSON or mistyped, limits a new account cannot take in part. Each answer is a problem with a
// stable code naming the field, and nothing changes.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

public sealed class RequestValidationTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(HttpClient client, string method, string url,
        string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.JsonAsync());
    }

    private static List<(string, string)> Entries(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.Str("field"), e.Str("code"))).ToList();

    public static TheoryData<string, string, string, string, string[]> BadQueries() => new()
    {
        { FillmoreFactory.Alice, "GET", "/api/v1/orders?limit=ten&offset=x", "VALIDATION_FAILED", ["limit:LIMIT_OUT_OF_RANGE", "offset:OFFSET_OUT_OF_RANGE"] },
        { FillmoreFactory.Alice, "GET", "/api/v1/orders?offset=-1&limit=99999999999", "VALIDATION_FAILED", ["limit:LIMIT_OUT_OF_RANGE", "offset:OFFSET_OUT_OF_RANGE"] },
        { FillmoreFactory.Alice, "GET", "/api/v1/orders?limit=1&limit=2", "VALIDATION_FAILED", ["limit:DUPLICATE_FIELD"] },
        { FillmoreFactory.Alice, "GET", "/api/v1/orders?side=BUY", "VALIDATION_FAILED", ["side:UNKNOWN_FIELD"] },
        { FillmoreFactory.Alice, "GET", "/api/v1/events?after=x&limit=ten&wait=soon", "POLL_PARAMETERS_INVALID",
            ["after:POLL_PARAMETERS_INVALID", "limit:POLL_PARAMETERS_INVALID", "wait:POLL_PARAMETERS_INVALID"] },
        { FillmoreFactory.Alice, "GET", "/api/v1/events?wait=1e3", "POLL_PARAMETERS_INVALID", ["wait:POLL_PARAMETERS_INVALID"] },
        { FillmoreFactory.Compliance, "GET", "/api/v1/events?after=-1", "POLL_PARAMETERS_INVALID",
            ["trader_id:TRADER_ID_REQUIRED", "after:POLL_PARAMETERS_INVALID"] },
        { FillmoreFactory.Alice, "DELETE", "/api/v1/orders?symbl=AAPL", "VALIDATION_FAILED", ["symbl:UNKNOWN_FIELD"] },
        { FillmoreFactory.Alice, "GET", "/ws/orders/events?since=x&order_id=1", "VALIDATION_FAILED", ["since:SINCE_INVALID", "order_id:ORDER_ID_INVALID"] },
        { FillmoreFactory.Alice, "GET", "/api/v1/audit?limit=1e3&form=2026-11-24", "VALIDATION_FAILED", ["form:UNKNOWN_FIELD", "limit:LIMIT_OUT_OF_RANGE"] },
        { FillmoreFactory.Compliance, "GET", "/api/v1/metrics/summary?from=x&to=y&to=z", "VALIDATION_FAILED", ["to:DUPLICATE_FIELD", "from:FROM_INVALID"] },
        { FillmoreFactory.Compliance, "GET", "/api/v1/account?trader_id=%20", "VALIDATION_FAILED", ["trader_id:TRADER_ID_INVALID"] },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_parameter_is_a_problem_naming_each_one_never_a_bare_400_or_a_500(string key, string method, string url,
        string code, string[] entries)
    {
        var (status, problem) = await SendAsync(_factory.ClientFor(key), method, url);
        Assert.Equal((HttpStatusCode.BadRequest, code), (status, problem.Str("code")));
        Assert.Equal(entries, Entries(problem).Select(e => $"{e.Item1}:{e.Item2}"));
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.Str("suggestion"))));
    }

    [Fact]
    public async Task A_misspelt_cancel_all_filter_cancels_nothing_and_a_misspelt_name_gets_the_closest_one()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var resting = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(resting, "PENDING");
        var (status, problem) = await SendAsync(alice, "DELETE", "/api/v1/orders?symbl=MSFT");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'symbol'", problem.GetProperty("errors")[0].Str("suggestion"));
        Assert.Equal("PENDING", (await alice.GetOrderAsync(resting)).Str("status"));
    }

    public static TheoryData<string, string, string?, string, string, string?> BadAdminBodies() => new()
    {
        { "PUT", "/api/v1/admin/accounts/carol", "", "application/json", "MALFORMED_JSON", null },
        { "PUT", "/api/v1/admin/accounts/carol", "cash=5", "application/json", "MALFORMED_JSON", null },
        { "PUT", "/api/v1/admin/accounts/carol", "{\"cash\":\"lots\"}", "application/json", "FIELD_TYPE_INVALID", "cash" },
        { "PUT", "/api/v1/admin/accounts/carol", "{\"limits\":{\"max_open_orders\":1.5}}", "application/json", "FIELD_TYPE_INVALID", "limits.max_open_orders" },
        { "PUT", "/api/v1/admin/accounts/carol", "{\"limits\":{\"max_open_order\":5}}", "application/json", "UNKNOWN_FIELD", "limits.max_open_order" },
        { "PUT", "/api/v1/admin/accounts/carol", "{\"cash\":1,\"cash\":2}", "application/json", "DUPLICATE_FIELD", "cash" },
        { "PUT", "/api/v1/admin/accounts/%20", "{\"cash\":1}", "application/json", "TRADER_ID_INVALID", "trader" },
        { "PUT", "/api/v1/admin/trading-halt", null, "application/json", "MALFORMED_JSON", null },
        { "PUT", "/api/v1/admin/trading-halt", "{\"halted\":\"yes\"}", "application/json", "FIELD_TYPE_INVALID", "halted" },
        { "PUT", "/api/v1/admin/trading-halt", "{}", "application/json", "FIELD_REQUIRED", "halted" },
        { "PUT", "/api/v1/admin/trading-halt", "{\"halted\":true,\"halted\":false}", "application/json", "DUPLICATE_FIELD", "halted" },
        { "PUT", "/api/v1/admin/trading-halt", "{\"halted\":true}", "text/plain", "UNSUPPORTED_MEDIA_TYPE", null },
        { "PUT", "/api/v1/admin/execution-flag", "[\"on\"]", "application/json", "MALFORMED_JSON", null },
        { "PUT", "/api/v1/admin/execution-flag", "{\"value\":5}", "application/json", "FIELD_TYPE_INVALID", "value" },
        { "PUT", "/api/v1/admin/execution-flag", "{\"valu\":\"off\"}", "application/json", "UNKNOWN_FIELD", "valu" },
        { "POST", "/api/v1/admin/prices", "null", "application/json", "BODY_REQUIRED", null },
        { "POST", "/api/v1/admin/prices", "{\"symbol\":\"AAPL\",\"price\":\"high\"}", "application/json", "FIELD_TYPE_INVALID", "price" },
    };

    [Theory]
    [MemberData(nameof(BadAdminBodies))]
    public async Task A_missing_unreadable_or_mistyped_admin_body_is_a_problem_and_changes_nothing(string method, string url, string? body,
        string contentType, string code, string? field)
    {
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        var (status, problem) = await SendAsync(admin, method, url, body, contentType);
        Assert.Equal(code == "UNSUPPORTED_MEDIA_TYPE" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest, status);
        Assert.Equal(code, problem.Str("code"));
        Assert.Equal(field ?? "", problem.GetProperty("errors")[0].Str("field"));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors")[0].Str("suggestion")));
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        Assert.Equal(HttpStatusCode.NotFound, (await compliance.GetAsync("/api/v1/account?trader_id=carol")).StatusCode);
        var flag = await (await admin.GetAsync("/api/v1/admin/execution-flag")).JsonAsync();
        Assert.Equal("on", flag.Str("value"));
        var alice = await (await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, alice.GetProperty("global_halt_reason").ValueKind);
    }

    [Fact]
    public async Task Unknown_and_repeated_order_fields_are_refused_by_name_and_nothing_is_stored()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var (status, problem) = await SendAsync(alice, "POST", "/api/v1/orders",
            """{"symbol":"AAPL","side":"BUY","qty":10,"order_type":"MARKET","route":"SMART","symbol":"MSFT"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "UNKNOWN_FIELD"), (status, problem.Str("code")));
        Assert.Equal([("qty", "UNKNOWN_FIELD"), ("route", "UNKNOWN_FIELD"), ("symbol", "DUPLICATE_FIELD")], Entries(problem));
        var errors = problem.GetProperty("errors");
        Assert.Equal("quantity", errors[0].GetProperty("details").Str("closest"));
        Assert.Contains("'quantity'", errors[0].Str("suggestion"));
        Assert.Contains("client_order_id", errors[1].Str("suggestion"));           // no close name: every accepted one
        using var twoKeys = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" }),
        };
        twoKeys.Headers.Add("Idempotency-Key", ["first", "second"]);
        var twice = await alice.SendAsync(twoKeys);
        Assert.Equal((HttpStatusCode.BadRequest, "DUPLICATE_FIELD"), (twice.StatusCode, (await twice.JsonAsync()).Str("code")));
        Assert.Equal(0, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());

        var created = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m });
        var id = (await created.JsonAsync()).Id();
        await alice.WaitForStatusAsync(id, "PENDING");
        var (amendStatus, amend) = await SendAsync(alice, "PATCH", $"/api/v1/orders/{id}", """{"price":176,"Price":177,"price":178}""");
        Assert.Equal(HttpStatusCode.BadRequest, amendStatus);
        Assert.Equal([("Price", "UNKNOWN_FIELD"), ("price", "DUPLICATE_FIELD")], Entries(amend));
        Assert.Equal(175.00m, (await alice.GetOrderAsync(id)).GetProperty("working").GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task A_new_account_gets_all_five_limits_or_none_and_an_existing_one_any_of_them()
    {
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        var partial = await admin.PutAsJsonAsync("/api/v1/admin/accounts/carol", new { cash = 10_000m, limits = new { max_order_notional = 5_000m } });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        var problem = await partial.JsonAsync();
        Assert.Equal([("limits.max_position_shares", "FIELD_REQUIRED"), ("limits.max_position_notional", "FIELD_REQUIRED"),
            ("limits.max_open_orders", "FIELD_REQUIRED"), ("limits.daily_loss_limit", "FIELD_REQUIRED")], Entries(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await compliance.GetAsync("/api/v1/account?trader_id=carol")).StatusCode);   // nothing stored

        var full = await admin.PutAsJsonAsync("/api/v1/admin/accounts/carol", new
        {
            cash = 10_000m,
            limits = new { max_position_shares = 100, max_position_notional = 50_000m, max_order_notional = 5_000m, max_open_orders = 5, daily_loss_limit = 500m },
        });
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var changed = await admin.PutAsJsonAsync("/api/v1/admin/accounts/carol", new { limits = new { max_open_orders = 7 } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var limits = (await changed.JsonAsync()).GetProperty("limits").EnumerateArray().ToDictionary(l => l.Str("name"), l => l.GetProperty("limit").GetDecimal());
        Assert.Equal((7m, 5_000m), (limits["max_open_orders"], limits["max_order_notional"]));
    }

    [Fact]
    public async Task An_empty_halt_body_does_not_lift_the_kill_switch()
    {
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/admin/trading-halt", new { halted = true, reason = "circuit breaker" })).StatusCode);
        var (status, problem) = await SendAsync(admin, "PUT", "/api/v1/admin/trading-halt", "{}");
        Assert.Equal((HttpStatusCode.BadRequest, "FIELD_REQUIRED"), (status, problem.Str("code")));
        var account = await (await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal("circuit breaker", account.Str("global_halt_reason"));
    }

    [Fact]
    public async Task Moving_a_halted_symbols_price_answers_its_real_status()
    {
        var response = await _factory.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/prices", new { symbol = "HALT", price = 13.00m });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instrument = await response.JsonAsync();
        Assert.Equal(("HALT", "HALTED"), (instrument.Str("symbol"), instrument.Str("status")));
        var active = await _factory.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/prices", new { symbol = "AAPL", price = 190.00m });
        Assert.Equal("ACTIVE", (await active.JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Cancel_all_with_nothing_open_answers_an_empty_page_whose_limit_is_not_zero()
    {
        var page = await (await _factory.ClientFor(FillmoreFactory.Alice).DeleteAsync("/api/v1/orders")).JsonAsync();
        Assert.Equal((0, 0L, 1, 0), (page.GetProperty("data").GetArrayLength(), page.GetProperty("total").GetInt64(),
            page.GetProperty("limit").GetInt32(), page.GetProperty("offset").GetInt32()));
    }
}
