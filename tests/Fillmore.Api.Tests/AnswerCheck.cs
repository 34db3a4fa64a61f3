// What every answer to hostile input must be, shared by the generated tests (HostileInputTests,
// from the app's routes; OpenApiFuzzTests, from the OpenAPI document): never a 5xx but a 503
// problem; every refusal a problem document whose status is the answer's and whose codes are
// ReasonCodes constants documented in docs/errors.md (or HTTP_<status>); no stack trace or
// exception type in the body; no order stored unless a submit was answered 201, 200 or 422
// (a risk refusal stores the order as DENIED, by design).
namespace Fillmore.Api.Tests;

using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fillmore.Core;
using Fillmore.Core.Ports;

internal static class AnswerCheck
{
    private static readonly Regex FrameworkCode = new("^HTTP_[1-5][0-9][0-9]$", RegexOptions.CultureInvariant);
    private static readonly string[] Leaks = ["   at ", "Exception", "System.", "Fillmore.Api.", "Fillmore.Core.", "Microsoft."];

    public static HashSet<string> Codes() => typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

    public static string Documented() =>
        File.ReadAllText(Path.Combine(HostileInputTests.RepositoryRoot(), "docs", "errors.md"));

    /// <summary>Sends one generated request and checks its answer (Check), counting the orders stored around it.</summary>
    /// <returns>What is wrong (no answer, or the answer and its problem), or null.</returns>
    public static async Task<string?> SendAsync(HttpClient client, IOrderStore store, HttpRequestMessage request,
        bool isSubmit, HashSet<string> codes, string documented)
    {
        var before = await OrdersAsync(store);
        HttpResponseMessage response;
        try { response = await client.SendAsync(request); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"no answer ({ex.GetType().Name})";
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            var stored = await OrdersAsync(store) - before;
            return Check(isSubmit, response, body, stored, codes, documented) is { } problem
                ? $"{(int)response.StatusCode} {Cut(body)}: {problem}" : null;
        }
    }

    public static async Task<string> BodyOf(HttpRequestMessage request) =>
        request.Content is null ? "" : System.Text.Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());

    public static string Cut(string text, int length = 300) =>
        text.Length <= length ? text : text[..length] + $"…({text.Length} chars)";

    public static async Task<long> OrdersAsync(IOrderStore store) =>
        (await store.ListOrdersAsync(new OrderQuery(null, null, null, 1, 0))).Total;

    /// <returns>What is wrong with the answer, or null.</returns>
    public static string? Check(bool isSubmit, HttpResponseMessage response, string body, long stored, HashSet<string> codes,
        string documented)
    {
        var status = (int)response.StatusCode;
        if (stored != 0 && !(isSubmit && status is 200 or 201 or 422))
            return $"{stored} order(s) stored by a {status} answer";
        if (status >= 500 && status != 503) return "a server error";
        if (status < 400) return null;
        if (Leaks.FirstOrDefault(l => body.Contains(l, StringComparison.Ordinal)) is { } leak) return $"the body leaks '{leak}'";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return "not a problem document";
        JsonElement problem;
        try { problem = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return "a problem document that is not JSON"; }
        if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status) return "status differs from the answer's";
        var all = new List<string?> { problem.TryGetProperty("code", out var code) ? code.GetString() : null };
        if (problem.TryGetProperty("errors", out var errors))
            all.AddRange(errors.EnumerateArray().Select(e => e.TryGetProperty("code", out var ec) ? ec.GetString() : null));
        else return "no errors list";
        foreach (var c in all)
        {
            if (string.IsNullOrWhiteSpace(c)) return "an empty code";
            if (FrameworkCode.IsMatch(c)) continue;
            if (!codes.Contains(c)) return $"{c} is not a ReasonCodes constant";
            if (!documented.Contains($"`{c}`", StringComparison.Ordinal)) return $"{c} is not in docs/errors.md";
        }
        return null;
    }
}
