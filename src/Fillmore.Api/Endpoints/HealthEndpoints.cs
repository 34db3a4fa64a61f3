// Health for people and probes, without credentials: GET /api/v1/health reports every dependency
// and the overall status (always 200: it is a report); /health/ready is the load balancer's probe
// (200 "ready", or 503 with a code per reason: NOT_READY, STORE_UNWRITABLE, NO_VENUE_REACHABLE);
// /health/live only says the process answers. HealthReporter judges.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Api.Hosting;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/health", (HealthReporter health) => TypedResults.Ok(health.Check().Report))
            .WithTags("Health").AllowAnonymous()
            .WithSummary("The overall status and each dependency: the store, every venue, Redis when configured");
        app.MapGet("/health/live", () => TypedResults.Text("ok")).WithTags("Health").AllowAnonymous();
        app.MapGet("/health/ready", (HealthReporter health) => health.Check() is { NotReady: [var first, ..] } verdict
                ? TypedResults.Json(new ProblemBody("/docs/errors#" + first.Code.ToLowerInvariant(), "Not ready", 503,
                    first.Code, string.Join(" ", verdict.NotReady.Select(p => $"{p.Message} {p.Suggestion}")),
                    verdict.NotReady), FillmoreJsonContext.Web.ProblemBody, Problems.ContentType, 503)
                : (IResult)TypedResults.Text("ready"))
            .WithTags("Health").AllowAnonymous();
    }
}
