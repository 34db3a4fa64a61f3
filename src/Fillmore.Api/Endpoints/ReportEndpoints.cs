// GET /api/v1/reports/executions?from=&to=&format=csv|pdf[&trader_id=][&routing=true]: every fill with a
// venue timestamp in [from, to), with totals per symbol, and with routing=true the fills, fees and
// price improvement per symbol and venue (docs/reports.md). A trader gets their own
// fills (trader_id is ignored for them, FR-013); compliance gets one trader's or everyone's. The
// CSV streams page by page; the PDF is built in memory (capped at ExecutionsPdf.MaxFills fills)
// so that a refusal can still be a problem document rather than half a file.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Errors;
using Fillmore.Api.Reports;
using Fillmore.Core;
using Fillmore.Core.Ports;

public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/reports/executions", ExecutionsAsync).ReadsQuery().RequireAuthorization()
            .WithTags("Reports")
            .Produces(200, contentType: "text/csv").Produces(200, contentType: "application/pdf").ProducesProblem(400)
            .ProducesProblem(422)
            .WithSummary("Execution report: every fill in [from, to) and totals per symbol, as CSV or PDF");

    private static async Task<IResult> ExecutionsAsync(HttpContext http, IOrderStore store, TimeProvider time,
        string? from, string? to, string? format, string? trader_id, string? routing, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var p = new QueryParameters(http.Request, "from", "to", "format", "trader_id", "routing");
        var trader = caller.IsCompliance ? p.Trader(trader_id) : caller.Id;
        var (start, end) = (p.Time("from", from, required: true), p.Time("to", to, required: true));
        p.Range(start, end);
        var kind = format?.Trim().ToLowerInvariant() ?? "csv";
        if (kind is not ("csv" or "pdf"))
            p.Add("format", ReasonCodes.FormatInvalid, $"'{format}' is not a report format.",
                "Use format=csv or format=pdf.");
        var withRouting = routing?.Trim().ToLowerInvariant() switch
        {
            null or "false" => false,
            "true" => true,
            _ => Refuse(p, routing),
        };
        if (p.Problem is { } problem) return problem;
        var scope = new ExecutionReportScope(trader, start!.Value, end!.Value, caller.Id.Value, caller.Role,
            time.GetUtcNow());
        var benchmarks = withRouting ? new RoutingBenchmarks(store) : null;
        return kind == "csv" ? Csv(http, store, scope, benchmarks) : await PdfAsync(store, scope, benchmarks, ct);
    }

    private static bool Refuse(QueryParameters p, string routing)
    {
        p.Add("routing", ReasonCodes.FormatInvalid, $"'{QueryParameters.Shown(routing)}' is not true or false.",
            "Use routing=true to add the routing by venue, or leave it out.");
        return false;
    }

    private static IResult Csv(HttpContext http, IOrderStore store, ExecutionReportScope scope,
        RoutingBenchmarks? routing) =>
        TypedResults.Stream(body => ExecutionsCsv.WriteAsync(body,
            ExecutionFeed.ReadAsync(store, scope, http.RequestAborted), new ExecutionTotals(), routing,
            http.RequestAborted), "text/csv; charset=utf-8", scope.FileName("csv"));

    private static async Task<IResult> PdfAsync(IOrderStore store, ExecutionReportScope scope,
        RoutingBenchmarks? routing, CancellationToken ct)
    {
        var fills = new List<ExecutionRecord>();
        var totals = new ExecutionTotals();
        await foreach (var r in ExecutionFeed.ReadAsync(store, scope, ct))
        {
            if (fills.Count == ExecutionsPdf.MaxFills) return TooLarge(scope);
            fills.Add(r);
            if (routing is null) totals.Add(r);
            else totals.Add(r, await routing.ForAsync(r, ct));
        }
        return TypedResults.File(ExecutionsPdf.Render(scope, fills, totals, routing is not null), "application/pdf",
            scope.FileName("pdf"));
    }

    private static IResult TooLarge(ExecutionReportScope scope) => Problems.Single(422, ReasonCodes.ReportTooLarge,
        "Report too large for PDF",
        $"More than {ExecutionsPdf.MaxFills:N0} fills between {ExecutionReportScope.Show(scope.From)} and "
            + $"{ExecutionReportScope.Show(scope.To)} UTC: too many for a readable PDF.",
        "Ask for format=csv, which has no limit, or split the range into shorter ones.", "format");
}
