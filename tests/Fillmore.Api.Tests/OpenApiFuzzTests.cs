// A fuzz test of the project's own, generated from the OpenAPI document the service publishes
// (/openapi/v1.json): every operation, every parameter it declares (path, query, header) and every
// field of its request body's schema gets, by a seeded random choice, a value of the wrong type,
// an extreme, an odd encoding, a duplicate or garbage; bodies also come unknown fields, repeated
// fields, missing required ones, truncated, nested deep or not JSON at all. The answers must pass
// AnswerCheck (no 5xx but a 503 problem, a documented code on every refusal, nothing stored from
// invalid input), and afterwards the service must still be ready, its audit chain intact and an
// ordinary order accepted. Bounded in count (FILLMORE_FUZZ_CASES, default 2500) and time (90 s);
// the seed (FILLMORE_FUZZ_SEED) is printed with every failure.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fillmore.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

public sealed class OpenApiFuzzTests : IDisposable
{
    private const int DefaultSeed = 20261201;
    private const int DefaultCases = 2500;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static readonly string[] NumberValues =
    [
        "\"10\"", "\"ten\"", "\"\"", "true", "[]", "{}", "null", "0", "-1", "-0", "1e400", "-1e400", "1E+308",
        "79228162514264337593543950336", "9223372036854775808", "0.000000000000000000000000001", "1.5", "10",
        "185.00", "\"NaN\"", "\"Infinity\"",
    ];

    private static readonly string[] StringValues =
    [
        "123", "true", "[]", "{}", "null", "\"\"", "\" \"", "\"AAPL\"", "\"BUY\"", "\"LIMIT\"", "\"GTC\"", "\"alice\"",
        "\"trade\"", "\"2026-11-24T14:30:00Z\"", "\"ü🙂 ünïcødé\"", "\"\\u0000\\u0001\"", "\"../../etc/passwd\"",
        "\"'; DROP TABLE orders;--\"", "\"<script>alert(1)</script>\"", "\"" + new string('A', 3000) + "\"",
        "\"%00%zz%2F\"", "\"١٢٣\"",
    ];

    private static readonly string[] BooleanValues = ["\"true\"", "1", "0", "null", "\"yes\"", "[]", "true", "false"];

    private static readonly string[] Garbage =
    [
        "", "{", "}", "[]", "null", "\"x\"", "{\"a\":", "{\"a\" 1}", "{,}", "\uFEFF{}", "{\"a\":1}{\"b\":2}",
        new string('[', 5000) + new string(']', 5000), "{\"a\":" + new string('{', 3000), "not json at all",
    ];

    private static readonly string[] TextValues =
    [
        "", " ", "-1", "0", "1.5", "1e3", "99999999999999999999999999", "NaN", "true", "null", "[]", "ten", "AAPL",
        "2026-11-24", "2026-13-45T99:99", "3f2b8c1e-6d1a-4c5e-9f0a-2b7d4e8c1a90", "fmk_000000000000", "ü🙂",
        "%zz", "%C3%28", "%00", "a%2Fb", "..", "../../etc/passwd", "'; DROP TABLE orders;--", "a,b",
        new string('x', 2000),
    ];

    private readonly FillmoreFactory _factory = new();

    public OpenApiFuzzTests()
    {
        _factory.Settings["Fillmore:Stream:StatusUpdateTimeoutSeconds"] = "0";    // a long poll answers at once
        _factory.Settings["Fillmore:RateLimit:OrdersPerMinute"] = "100000";       // submits reach validation
        _factory.Settings["Fillmore:Auth:FailedAttemptsPerAddress"] = "1000000";  // wrong keys must not pause the run
        _factory.Settings["Fillmore:Auth:FailedAttemptsPerKey"] = "1000000";
    }

    public void Dispose() => _factory.Dispose();

    private sealed record Operation(string Method, string Path, JsonArray Parameters, JsonObject? BodySchema)
    {
        public bool IsSubmit => Method == "POST" && Path == "/api/v1/orders";
        public override string ToString() => $"{Method} {Path}";
    }

    [Fact]
    public async Task Every_operation_of_the_OpenAPI_document_survives_generated_hostile_input()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FILLMORE_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("FILLMORE_FUZZ_CASES"), out var c) ? c : DefaultCases;
        var random = new Random(seed);
        var client = _factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var operations = Operations(document);
        Assert.Contains(operations, o => o.IsSubmit && o.BodySchema is not null);
        Assert.Contains(operations, o => o.Path == "/api/v1/admin/api-keys" && o.Method == "POST");
        var (codes, documented) = (AnswerCheck.Codes(), AnswerCheck.Documented());
        var store = _factory.Services.GetRequiredService<IOrderStore>();
        var ids = await HostileInputTests.SeedOrdersAsync(_factory);

        var failures = new List<string>();
        var deadline = DateTime.UtcNow + Budget;
        var ran = 0;
        for (; ran < cases && DateTime.UtcNow < deadline; ran++)
        {
            var operation = operations[ran % operations.Count];
            using var request = Build(random, operation, document, ids);
            var shown = $"{request.Method} {Cut(request.RequestUri!.ToString())} {Cut(await BodyOf(request))}";
            if (await AnswerCheck.SendAsync(client, store, request, operation.IsSubmit, codes, documented) is { } failure)
                failures.Add($"case {ran}: {shown} -> {failure}");
        }
        Assert.True(failures.Count == 0, $"seed {seed} (FILLMORE_FUZZ_SEED={seed} replays it): {failures.Count} of {ran} "
            + $"cases failed:\n{string.Join("\n", failures.Take(25))}");
        Assert.True(ran >= Math.Min(cases, operations.Count * 10), $"only {ran} cases ran within {Budget}");
        await StillHealthyAsync();
    }

    // Ready, the chain intact, and an ordinary order answered as any order is (after undoing the halts the fuzz may
    // have pulled: they are valid admin input).
    private async Task StillHealthyAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/health/ready")).StatusCode);
        var verify = await _factory.ClientFor(FillmoreFactory.Compliance).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        await admin.PutAsJsonAsync("/api/v1/admin/trading-halt", new { halted = false });
        await admin.PutAsJsonAsync("/api/v1/admin/accounts/alice", new { trading_halted = false });
        await admin.PutAsJsonAsync("/api/v1/admin/venues/SIM/halt", new { halted = false });
        var order = await _factory.ClientFor(FillmoreFactory.Alice).SubmitAsync(
            new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m, time_in_force = "GTC" });
        Assert.True(order.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity,
            $"an ordinary order after the fuzz: {(int)order.StatusCode} {await order.Content.ReadAsStringAsync()}");
    }

    private static List<Operation> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => new Operation(
                op.Key.ToUpperInvariant(), path.Key, op.Value!["parameters"]?.AsArray() ?? [],
                Resolve(document, op.Value!["requestBody"]?["content"]?["application/json"]?["schema"]))))
            .OrderBy(o => o.ToString(), StringComparer.Ordinal).ToList();

    private static JsonObject? Resolve(JsonObject document, JsonNode? schema)
    {
        if (schema is not JsonObject o) return null;
        if (o["$ref"]?.GetValue<string>() is { } reference)
            return document["components"]!["schemas"]![reference.Split('/')[^1]]?.AsObject();
        if (o["oneOf"] is JsonArray one)
            return one.Select(s => Resolve(document, s)).FirstOrDefault(s => s?["properties"] is not null);
        return o;
    }

    private static HttpRequestMessage Build(Random random, Operation operation, JsonObject document, List<string> ids)
    {
        var path = operation.Path;
        var query = new List<string>();
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), "/");
        foreach (var parameter in operation.Parameters.OfType<JsonObject>())
        {
            var name = parameter["name"]!.GetValue<string>();
            switch (parameter["in"]!.GetValue<string>())
            {
                case "path":
                    path = path.Replace("{" + name + "}", PathValue(random, name, ids), StringComparison.Ordinal);
                    break;
                case "query" when random.Next(3) != 0:
                    for (var n = random.Next(8) == 0 ? 2 : 1; n > 0; n--)     // sometimes twice
                        query.Add($"{Uri.EscapeDataString(name)}={QueryValue(random)}");
                    break;
                case "header":
                    request.Headers.TryAddWithoutValidation(name, Pick(random, TextValues));
                    break;
            }
        }
        if (random.Next(6) == 0) query.Add($"{Pick<string>(random, ["foo", "limt", "LIMIT", ""])}={QueryValue(random)}");
        request.RequestUri = new Uri(path + (query.Count == 0 ? "" : "?" + string.Join("&", query)), UriKind.Relative);
        Credentials(random, operation, request);
        if (operation.BodySchema is not null || random.Next(8) == 0)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body(random, operation, document)));
            if (random.Next(10) != 0)
                content.Headers.TryAddWithoutValidation("Content-Type",
                    random.Next(6) == 0 ? Pick<string>(random, ["text/plain", "application/xml", ";;", "application/json; charset=utf-16"])
                    : "application/json");
            request.Content = content;
        }
        return request;
    }

    private static string PathValue(Random random, string name, List<string> ids) => random.Next(4) switch
    {
        0 when name == "id" => Pick(random, ids),
        1 when name == "trader" => "alice",
        1 when name == "name" => "SIM",
        _ => Uri.EscapeDataString(Pick(random, TextValues)),
    };

    private static string QueryValue(Random random) => random.Next(5) == 0
        ? Pick<string>(random, ["%zz", "%C3%28", "%00", "%2F%2F", "+", "%2B1", "a%26b%3Dc"])
        : Uri.EscapeDataString(Pick(random, TextValues));

    private static void Credentials(Random random, Operation operation, HttpRequestMessage request)
    {
        if (random.Next(15) == 0) return;
        if (random.Next(15) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", Pick<string>(random, ["fmk_000000000000_x", "", "ü🙂", "a b"]));
            return;
        }
        var key = operation.Path.StartsWith("/api/v1/admin", StringComparison.Ordinal) ? FillmoreFactory.Admin
            : operation.Path.StartsWith("/api/v1/audit", StringComparison.Ordinal) || operation.Path.Contains("metrics")
                ? FillmoreFactory.Compliance
            : random.Next(4) == 0 ? FillmoreFactory.Bob : FillmoreFactory.Alice;
        request.Headers.TryAddWithoutValidation("X-API-Key", key);
    }

    // From the schema: each field a value of its type or a hostile one, then unknown, repeated or missing fields;
    // sometimes garbage instead of JSON.
    private static string Body(Random random, Operation operation, JsonObject document)
    {
        if (operation.BodySchema is null || random.Next(8) == 0) return Pick(random, Garbage);
        var fields = new List<string>();
        foreach (var (name, schema) in operation.BodySchema["properties"]?.AsObject() ?? [])
        {
            if (random.Next(3) == 0) continue;                                    // a field left out
            fields.Add($"\"{name}\":{Value(random, schema, document, depth: 0)}");
            if (random.Next(12) == 0) fields.Add($"\"{name}\":{Value(random, schema, document, depth: 0)}");
        }
        if (random.Next(6) == 0) fields.Add($"\"{Pick<string>(random, ["symbl", "extra", "__proto__", "Quantity"])}\":1");
        var body = "{" + string.Join(",", fields.OrderBy(_ => random.Next())) + "}";
        return random.Next(15) == 0 ? body[..Math.Max(1, body.Length / 2)] : body;    // sometimes cut short
    }

    private static string Value(Random random, JsonNode? schema, JsonObject document, int depth)
    {
        var types = schema?["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        if ((schema?["$ref"] is not null || schema?["oneOf"] is not null) && depth < 2 && random.Next(3) != 0
            && Resolve(document, schema) is { } nested)
            return "{" + string.Join(",", (nested["properties"]?.AsObject() ?? []).Where(_ => random.Next(2) == 0)
                .Select(p => $"\"{p.Key}\":{Value(random, p.Value, document, depth + 1)}")) + "}";
        if (types.Contains("number") || types.Contains("integer")) return Pick(random, NumberValues);
        if (types.Contains("boolean")) return Pick(random, BooleanValues);
        return Pick(random, StringValues);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static Task<string> BodyOf(HttpRequestMessage request) => AnswerCheck.BodyOf(request);

    private static string Cut(string text) => AnswerCheck.Cut(text, 200);
}
