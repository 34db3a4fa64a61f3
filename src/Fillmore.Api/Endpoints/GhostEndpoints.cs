// The administrator's review of ghost orders (venue orders Fillmore never placed), under
// /api/v1/admin/ghosts: list them (open by default), have the venue cancel one, or dismiss one
// with a reason. Each resolution is an audit entry by the admin, named by the caller's user id;
// GhostKeeper carries it out. Every refusal is a problem document with a stable code; the query and
// the body are read by QueryParameters and JsonBody, like every route's.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public static class GhostEndpoints
{
    public static void MapGhostEndpoints(this IEndpointRouteBuilder app)
    {
        var ghosts = app.MapGroup("/api/v1/admin/ghosts").RequireAuthorization(Policies.Admin).WithTags("Admin");
        ghosts.MapGet("", ListAsync).Produces<GhostListResponse>().ProducesProblem(400)
            .WithSummary("Orders at the venue that Fillmore never placed (?state=open, closed or all)");
        ghosts.MapPost("/{id}/cancel", CancelAsync).Produces<GhostResponse>(200).Produces<GhostResponse>(202)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503)
            .WithSummary("Have the venue cancel a ghost order");
        ghosts.MapPost("/{id}/dismiss", DismissAsync).Accepts<GhostDismissRequest>("application/json")
            .Produces<GhostResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Close a ghost order as reviewed, with a reason");
    }

    private static async Task<IResult> ListAsync(HttpContext http, GhostKeeper keeper, CancellationToken ct)
    {
        var p = new QueryParameters(http.Request, "state");
        var state = http.Request.Query["state"].FirstOrDefault();
        var filter = state?.Trim().ToLowerInvariant();
        if (filter is not (null or "" or "open" or "closed" or "all"))
            p.Add("state", ReasonCodes.GhostStateInvalid,
                $"'{QueryParameters.Shown(state!)}' is not a state of ghost orders.",
                "Use state=open (the default), closed or all.");
        if (p.Problem is { } problem) return problem;
        bool? open = filter switch { "closed" => false, "all" => null, _ => true };
        var ghosts = await keeper.ListAsync(open, ct);
        return TypedResults.Ok(new GhostListResponse(ghosts.Select(GhostResponse.From).ToList()));
    }

    private static async Task<IResult> CancelAsync(HttpContext http, GhostKeeper keeper, string id,
        CancellationToken ct) =>
        !OrderId.TryParse(id, out var ghost) ? InvalidId(id)
            : Answer(await keeper.CancelAsync(ghost, Caller.From(http.User).Id.Value, ct), id);

    private static async Task<IResult> DismissAsync(HttpContext http, GhostKeeper keeper, string id,
        CancellationToken ct)
    {
        if (!OrderId.TryParse(id, out var ghost)) return InvalidId(id);
        var (body, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.GhostDismissRequest,
            "{\"reason\":\"placed by the desk's other system\"}", ct);
        if (problem is not null) return problem;
        return Answer(await keeper.DismissAsync(ghost, Caller.From(http.User).Id.Value, body!.Reason, ct), id);
    }

    private static IResult Answer(GhostResult result, string id) => result switch
    {
        GhostResult.Closed c => TypedResults.Ok(GhostResponse.From(c.Ghost)),
        GhostResult.CancelPending p => TypedResults.Json(GhostResponse.From(p.Ghost),
            FillmoreJsonContext.Web.GhostResponse, statusCode: 202),
        GhostResult.AlreadyClosed a => Problems.Single(409, ReasonCodes.GhostClosed, "The ghost order is closed",
            $"Ghost order {id} was closed at {a.Ghost.ClosedAt:O}: {a.Ghost.CloseReason}",
            "Nothing to resolve. GET /api/v1/admin/ghosts?state=closed lists it.", null,
            new Dictionary<string, object?> { ["resolution"] = a.Ghost.Resolution is { } r ? ApiNames.Of(r) : null }),
        GhostResult.Invalid i => Problems.Invalid([i.Problem], "request"),
        GhostResult.CancelRefused r => Problems.Single(409, ReasonCodes.GhostCancelRejected,
            "The venue refused the cancel",
            $"The venue refused to cancel ghost order {id} ({r.Code}: {r.Reason}); it still has it open.",
            "Resolve it with the venue, or dismiss it with a reason once it is settled there.", null,
            new Dictionary<string, object?> { ["venue_code"] = r.Code }),
        GhostResult.VenueUnavailable v => Problems.Single(503, ReasonCodes.VenueUnavailable,
            "The venue did not take the cancel",
            $"The venue did not confirm the cancel of ghost order {id}: {v.Reason} The request is recorded; "
                + "reconciliation closes the ghost if the venue did cancel it.",
            "Try again in a moment."),
        _ => Problems.Single(404, ReasonCodes.GhostNotFound, "No such ghost order",
            $"There is no ghost order {id}.", "GET /api/v1/admin/ghosts?state=all lists every ghost order."),
    };

    private static IResult InvalidId(string id) => Problems.Single(400, ReasonCodes.GhostIdInvalid,
        "Not a ghost order id", $"'{id}' is not a ghost order id.",
        "Use client_order_id from GET /api/v1/admin/ghosts (a UUID).", "id");
}
