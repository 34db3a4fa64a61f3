// Hostile input, generated: for every route the app maps (read from its EndpointDataSource, so a
// route added later is covered without touching this test), a seeded stream of requests with
// hostile query strings (wrong types, huge, negative, empty, repeated, unknown, unicode, very
// long), route values, headers (Idempotency-Key, Authorization, X-API-Key, Content-Type) and
// bodies (not JSON, truncated, arrays, deep nesting, wrong types, duplicate and unknown fields,
// huge numbers, NaN strings, nulls). Whatever arrives: never a 5xx but a 503 problem; every
// refusal is a problem document whose codes are ReasonCodes constants documented in (AnswerCheck)
// docs/errors.md; no stack trace or exception type leaks; and a request stores an order only as a
// submit answered 201, 200 or 422. Bounded in cases (FILLMORE_HOSTILE_CASES, default 1500) and in
// time (90 s); the seed (FILLMORE_HOSTILE_SEED, fixed by default so CI is repeatable) is printed
// with every failure, and the failures are collected so one run shows all of them.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fillmore.Core;
using Fillmore.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

public sealed class HostileInputTests : IDisposable
{
    private const int DefaultSeed = 20261124;
    private const int DefaultCases = 1500;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static readonly string[] Hostile =
    [
        "", " ", "-1", "0", "1", "1.5", "-0", "+5", " 7 ", "0x10", "1e3", "1e400", "99999999999999999999999999999",
        "79228162514264337593543950336", "9223372036854775808", "NaN", "Infinity", "-Infinity", "null", "true", "[]",
        "{}", "ten", "AAPL", "aapl!", "HALT", "2026-11-24", "2026-13-45T99:99", "2026-11-24T09:30:00+01:00",
        "3f2b8c1e-6d1a-4c5e-9f0a-2b7d4e8c1a90", "not-a-uuid", "ü🙂 ünïcødé", "١٢٣", "\u0000\u0001\u001f", "%", "%zz",
        "..", "../../etc/passwd", "<script>alert(1)</script>", "'; DROP TABLE orders;--", "a,b", "FILLED", "csv",
        "SHREDDED", new string('A', 5000), new string('9', 400),
    ];

    private static readonly string[] QueryNames =
    [
        "limit", "offset", "after", "wait", "since", "symbol", "status", "trader_id", "order_id", "from", "to",
        "cursor", "action", "format", "Limit", "LIMIT", "foo", "symbl", "page", "access_token", "",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/problem+json", "application/json; charset=nonsense",
        "garbage/", ";;;", "application/xml",
    ];

    private readonly FillmoreFactory _factory = new();

    public HostileInputTests()
    {
        _factory.Settings["Fillmore:Stream:StatusUpdateTimeoutSeconds"] = "0";    // a long poll answers at once
        _factory.Settings["Fillmore:RateLimit:OrdersPerMinute"] = "100000";       // submits reach validation
        // Its wrong keys would pause authentication (FailedAuthThrottle) for the rest of the run: the time never moves.
        _factory.Settings["Fillmore:Auth:FailedAttemptsPerAddress"] = "1000000";
    }

    public void Dispose() => _factory.Dispose();

    private sealed record Route(string Method, RoutePattern Pattern)
    {
        public string Raw => "/" + Pattern.RawText!.Trim('/');
        public bool IsSubmit => Method == "POST" && Raw == "/api/v1/orders";
        public override string ToString() => $"{Method} {Raw}";
    }

    [Fact]
    public async Task No_route_answers_hostile_input_with_a_500_a_leak_an_undocumented_code_or_a_stored_order()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FILLMORE_HOSTILE_SEED"), out var s) ? s : DefaultSeed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("FILLMORE_HOSTILE_CASES"), out var c) ? c : DefaultCases;
        var random = new Random(seed);
        var routes = Routes();
        Assert.Contains(routes, r => r.IsSubmit);
        Assert.Contains(routes, r => r.Raw == "/ws/orders/events");
        var (codes, documented) = (AnswerCheck.Codes(), AnswerCheck.Documented());
        var store = _factory.Services.GetRequiredService<IOrderStore>();
        var client = _factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        var ids = await SeedOrdersAsync(_factory);

        var failures = new List<string>();
        var deadline = DateTime.UtcNow + Budget;
        var ran = 0;
        for (; ran < cases && DateTime.UtcNow < deadline; ran++)
        {
            var route = routes[ran % routes.Count];                      // every route, in turn
            using var request = Build(random, route, ids);
            var shown = $"{request.Method} {request.RequestUri} [{Headers(request)}] {Cut(await BodyOf(request))}";
            if (await AnswerCheck.SendAsync(client, store, request, route.IsSubmit, codes, documented) is { } failure)
                failures.Add($"case {ran}: {shown} -> {failure}");
        }
        Assert.True(failures.Count == 0, $"seed {seed} (FILLMORE_HOSTILE_SEED={seed} replays it): {failures.Count} of {ran} "
            + $"cases failed:\n{string.Join("\n", failures.Take(25))}");
    }

    private List<Route> Routes() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != HttpMethods.Connect).Select(m => new Route(m, e.RoutePattern)))
            .OrderBy(r => r.ToString(), StringComparer.Ordinal)
            .ToList();

    /// <summary>A few orders of alice's (resting, filled, held), so that some route values name an order that
    /// exists.</summary>
    internal static async Task<List<string>> SeedOrdersAsync(FillmoreFactory factory)
    {
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        var ids = new List<string>();
        foreach (var order in new object[]
        {
            new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m, time_in_force = "GTC" },
            new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" },
            new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "TRAILING_STOP", trail_price = 2.00m, time_in_force = "GTC" },
        })
        {
            var response = await alice.SubmitAsync(order);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add((await response.JsonAsync()).Id());
        }
        return ids;
    }

    private static HttpRequestMessage Build(Random random, Route route, List<string> ids)
    {
        var path = PathFor(random, route, ids) + Query(random);
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        Credentials(random, route, request);
        if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(random, Hostile));
        if (route.Method is "POST" or "PUT" or "PATCH" || random.Next(6) == 0)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body(random, route)));
            var type = random.Next(4) == 0 ? Pick(random, ContentTypes) : "application/json";
            if (random.Next(12) != 0) content.Headers.TryAddWithoutValidation("Content-Type", type);
            request.Content = content;
        }
        return request;
    }

    private static string PathFor(Random random, Route route, List<string> ids)
    {
        var path = new StringBuilder();
        foreach (var segment in route.Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    // No NUL: a server refuses such a request line itself (Kestrel's 400), before any route.
                    RoutePatternParameterPart p => Uri.EscapeDataString((p.Name switch
                    {
                        "id" when random.Next(3) != 0 => Pick(random, ids),
                        "trader" when random.Next(2) == 0 => Pick<string>(random, ["alice", "bob", "carol"]),
                        _ => Pick(random, Hostile),
                    }).Replace("\0", "", StringComparison.Ordinal)),
                    _ => "",
                });
        }
        return path.ToString();
    }

    private static string Query(Random random)
    {
        var parts = new List<string>();
        for (var n = random.Next(5); n > 0; n--)
        {
            var name = Pick(random, QueryNames);
            var value = Uri.EscapeDataString(Pick(random, Hostile));
            parts.Add(random.Next(8) switch
            {
                0 => name,                                                    // no '='
                1 => $"{name}={value}&{name}={value}",                        // repeated
                2 => Pick<string>(random, ["&", "=", "=5", "%zz=1", "limit=%", ";"]),
                _ => $"{Uri.EscapeDataString(name)}={value}",
            });
        }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    // Mostly a key whose role reaches the route's handler; sometimes none, a wrong one or a malformed header.
    private static void Credentials(Random random, Route route, HttpRequestMessage request)
    {
        switch (random.Next(20))
        {
            case 0: return;
            case 1: request.Headers.TryAddWithoutValidation("X-API-Key", Pick(random, Hostile)); return;
            case 2:
                request.Headers.TryAddWithoutValidation("Authorization", Pick(random,
                    ["Bearer", "Bearer ", "Bearer a.b.c", "Bearer " + new string('x', 8000), "Basic Zm9vOmJhcg==", "ü🙂", "Bearer ..."]));
                return;
        }
        var key = route.Raw.StartsWith("/api/v1/admin", StringComparison.Ordinal) ? FillmoreFactory.Admin
            : random.Next(5) switch { 0 => FillmoreFactory.Compliance, 1 => FillmoreFactory.Bob, _ => FillmoreFactory.Alice };
        request.Headers.TryAddWithoutValidation("X-API-Key", key);
    }

    // A plausible body for the route, then zero or more hostile mutations of it.
    private static string Body(Random random, Route route)
    {
        var body = BaseBody(random, route);
        for (var n = random.Next(3); n > 0; n--) Mutate(random, body);
        var text = body.ToJsonString();
        foreach (var (marker, raw) in RawNumbers) text = text.Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
        return random.Next(10) switch
        {
            0 => text[..random.Next(text.Length + 1)],                                   // truncated
            1 => Pick<string>(random, ["", "null", "[]", "[" + text + "]", "{bad", "<order/>", "\u0000", "\"text\"", "42", text + text]),
            2 => text.Length > 2 ? text[..^1] + $",{Duplicate(random, body)}}}" : text, // a field twice
            3 => new string('[', 200) + new string(']', 200),
            4 => Deep(random.Next(60, 200)),
            _ => text,
        };
    }

    private static readonly (string Marker, string Raw)[] RawNumbers =
    [
        ("__RAW_1e400__", "1e400"), ("__RAW_HUGE__", "79228162514264337593543950336"), ("__RAW_MAX__", "79228162514264337593543950335"),
        ("__RAW_NEG__", "-1e28"), ("__RAW_TINY__", "1e-400"),
    ];

    private static readonly (string, JsonNode?)[][] ValidOrders =
    [
        [("symbol", "AAPL"), ("side", "BUY"), ("quantity", 1), ("order_type", "MARKET")],
        [("symbol", "AAPL"), ("side", "BUY"), ("quantity", 10), ("order_type", "LIMIT"), ("price", 180.00m), ("time_in_force", "GTC")],
        [("symbol", "MSFT"), ("side", "BUY"), ("quantity", 2), ("order_type", "STOP"), ("stop_price", 450m)],
        [("symbol", "AAPL"), ("side", "BUY"), ("quantity", 2), ("order_type", "STOP_LIMIT"), ("price", 196m), ("stop_price", 195m)],
        [("symbol", "AAPL"), ("side", "SELL"), ("quantity", 1), ("order_type", "TRAILING_STOP"), ("trail_percent", 2.5m)],
        [("symbol", "AAPL"), ("side", "BUY"), ("quantity", 3), ("order_type", "LIMIT"), ("price", 190m), ("stop_loss", 180m), ("take_profit", 200m)],
        [("symbol", "AAPL"), ("side", "SELL"), ("quantity", 1), ("order_class", "OCO"), ("take_profit", 200m), ("stop_loss", 180m)],
        [("symbol", "AAPL"), ("side", "BUY"), ("quantity", 1), ("order_type", "LIMIT"), ("price", 180m), ("time_in_force", "GTD"),
            ("expire_at", "2026-12-31T21:00:00Z"), ("client_order_id", "gtd")],
    ];

    private static JsonObject BaseBody(Random random, Route route)
    {
        var body = new JsonObject();
        void Maybe(string field, params JsonNode?[] values)
        {
            if (random.Next(5) != 0) body[field] = values[random.Next(values.Length)]?.DeepClone();
        }
        switch (route.Raw)
        {
            case "/api/v1/orders" when random.Next(3) != 0:
                // A valid order of some kind, so that one mutated field reaches the rules behind the shape checks.
                foreach (var (field, value) in Pick(random, ValidOrders)) body[field] = value?.DeepClone();
                break;
            case "/api/v1/orders/{id}" when random.Next(3) != 0:
                body[Pick<string>(random, ["price", "quantity", "stop_price", "trail_price", "trail_percent"])] =
                    Pick<JsonNode>(random, [176m, 2, 2.5m, 180.00m]).DeepClone();
                break;
            case "/api/v1/orders" or "/api/v1/orders/{id}":
                Maybe("symbol", "AAPL", "MSFT", "HALT", "ZZZZ", "aapl");
                Maybe("side", "BUY", "SELL", "buy");
                Maybe("quantity", 1, 10, 0, -5, 1.5m, 1e20m, "10");
                Maybe("order_type", "MARKET", "LIMIT", "STOP", "STOP_LIMIT", "TRAILING_STOP", "stop_limit");
                Maybe("price", 175.00m, 190m, 0.001m, -1m, "180.00");
                Maybe("stop_price", 170m, 195m);
                Maybe("time_in_force", "DAY", "GTC", "IOC", "FOK", "GTD");
                Maybe("stop_loss", 170m, 200m);
                Maybe("take_profit", 200m, 170m);
                Maybe("trail_price", 2m, 0m);
                Maybe("trail_percent", 2.5m, 100m);
                Maybe("order_class", "SIMPLE", "BRACKET", "OCO", "OTO");
                Maybe("expire_at", "2026-12-31T21:00:00Z", "tomorrow");
                Maybe("client_order_id", "bot-" + random.Next(50), "");
                break;
            case "/api/v1/admin/accounts/{trader}":
                Maybe("cash", 1000m, -1m, 0m);
                Maybe("trading_halted", false, true);
                if (random.Next(2) == 0)
                    body["limits"] = new JsonObject
                    {
                        ["max_position_shares"] = 100, ["max_position_notional"] = 1e6m, ["max_order_notional"] = 1e5m,
                        ["max_open_orders"] = 10, ["daily_loss_limit"] = 1000m, ["short_selling_enabled"] = false,
                    };
                break;
            case "/api/v1/admin/trading-halt":
                Maybe("halted", false, true, "false");
                Maybe("reason", "test", "");
                break;
            case "/api/v1/admin/execution-flag":
                Maybe("value", "on", "off", "25%", "150%", "");
                break;
            case "/api/v1/admin/prices":
                Maybe("symbol", "AAPL", "HALT", "ZZZZ");
                Maybe("price", 190m, 185.5m, -1m, 0m);
                break;
        }
        return body;
    }

    private static void Mutate(Random random, JsonObject body)
    {
        var fields = body.Select(p => p.Key).ToList();
        var field = fields.Count > 0 && random.Next(3) != 0 ? Pick(random, fields)
            : Pick<string>(random, ["foo", "venue", "qty", "Symbol", "trader_id", "limits", "max_slippage_bps", "ü"]);
        body[field] = random.Next(12) switch
        {
            0 => null,
            1 => "NaN",
            2 => JsonValue.Create(Pick(random, RawNumbers).Marker),
            3 => new JsonArray(1, 2),
            4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } },
            5 => true,
            6 => Pick(random, Hostile),
            7 => "Infinity",
            8 => -1,
            9 => Pick<JsonNode>(random, [decimal.MaxValue, 1_000_000_001m, 999_999_999.99m, 0.0000000000000000000000000001m,
                long.MaxValue, -decimal.MaxValue]).DeepClone(),
            10 => new JsonObject { ["max_open_orders"] = "x", ["foo"] = 1 },
            _ => 0.000000000000000000000000001m,
        };
    }

    private static string Duplicate(Random random, JsonObject body)
    {
        var name = body.Count > 0 ? Pick(random, body.Select(p => p.Key).ToList()) : "symbol";
        return $"{JsonSerializer.Serialize(name)}:{Pick<string>(random, ["1", "\"x\"", "null", "true", "{}"])}";
    }

    private static string Deep(int depth) => string.Concat(Enumerable.Repeat("{\"symbol\":", depth)) + "1"
        + new string('}', depth);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Headers(HttpRequestMessage request) => string.Join("; ", request.Headers
        .Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
        .Select(h => $"{h.Key}: {Cut(string.Join(",", h.Value))}"));

    private static Task<string> BodyOf(HttpRequestMessage request) => AnswerCheck.BodyOf(request);

    private static string Cut(string text) => AnswerCheck.Cut(text);

    /// <summary>The repository's root folder (the one with docs/errors.md), from the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "errors.md"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("docs/errors.md not found above the test folder.");
    }
}
