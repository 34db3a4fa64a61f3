// GET /api/v1/metrics/summary (compliance, admin): the success criteria computed from the store
// over the orders created in [from, to) (default: every order). The queries and the target of
// each number are in docs/metrics.md. Prometheus metrics stay at /metrics.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Core.Ports;

public static class MetricsEndpoints
{
    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/metrics/summary", SummaryAsync).ReadsQuery().RequireAuthorization(Policies.Compliance)
            .WithTags("Metrics")
            .Produces<MetricsSummaryResponse>().ProducesProblem(400).ProducesProblem(403)
            .WithSummary("Execution reliability, submit-to-confirm latency, duplicates, audit completeness, "
                + "rejections by code");

    private static async Task<IResult> SummaryAsync(HttpContext http, IOrderStore store, string? from, string? to,
        CancellationToken ct)
    {
        var p = new QueryParameters(http.Request, "from", "to");
        var (start, end) = (p.Time("from", from), p.Time("to", to));
        p.Range(start, end);
        if (p.Problem is { } problem) return problem;
        var metrics = await store.MeasureAsync(start ?? DateTimeOffset.MinValue, end ?? DateTimeOffset.MaxValue, ct);
        return TypedResults.Ok(MetricsSummaryResponse.Of(metrics));
    }
}
