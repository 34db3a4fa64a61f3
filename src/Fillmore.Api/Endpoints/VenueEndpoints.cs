// The administrator's view of the venues (GET /api/v1/admin/venues) and the venue halt: a venue
// that answered Fatal (credentials, protocol breakage) is halted by Fillmore itself; an
// administrator halts or resumes one here. A halted venue gets nothing new (orders for it are
// refused with VENUE_HALTED); cancels still go out and its orders are still reconciled.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Venues.Fix;
using Fillmore.Venues.Throttled;

public static class VenueEndpoints
{
    public static void MapVenueEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/venues").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", (ExecutionCoordinator coordinator, ControlService controls, TradingControls state) =>
                    TypedResults.Ok(new VenueListResponse(controls.Venues
                    .Select(v => Describe(v, coordinator, state)).ToList())))
            .WithSummary("Each venue: halted and why, orders in flight, last report, what it supports");
        admin.MapPut("/{name}/halt", HaltAsync).Accepts<VenueHaltRequest>("application/json").Produces<VenueResponse>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(415)
            .WithSummary("Halt (stop sending to) or resume a venue");
    }

    private static async Task<IResult> HaltAsync(HttpContext http, string name, ExecutionCoordinator coordinator,
        ControlService controls, TradingControls state, CancellationToken ct)
    {
        if (!controls.Venues.Contains(name, StringComparer.Ordinal))
            return Problems.Single(404, ReasonCodes.VenueNotFound, "No such venue",
                $"This node sends to no venue named '{QueryParameters.Shown(name)}'.",
                $"Use one of: {string.Join(", ", controls.Venues)} (GET /api/v1/admin/venues).");
        var (body, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.VenueHaltRequest,
            "{\"halted\":false}", ct);
        if (problem is not null) return problem;
        if (body!.Halted is not { } halted)
            return Problems.Single(400, ReasonCodes.FieldRequired, "Halt or resume?",
                "The field 'halted' is missing: the request does not say whether to halt or to resume the venue.",
                "Send {\"halted\":true,\"reason\":\"...\"} to halt it, or {\"halted\":false} to resume it.",
                "halted");
        var reason = halted
            ? string.IsNullOrWhiteSpace(body.Reason) ? "halted by an administrator" : body.Reason.Trim() : null;
        await controls.SetVenueHaltAsync(name, reason, Actor.Admin,
            $"administrator {Caller.From(http.User).Id}", ct);
        return TypedResults.Ok(Describe(name, coordinator, state));
    }

    private static VenueResponse Describe(string name, ExecutionCoordinator coordinator, TradingControls state)
    {
        var venue = coordinator.Venues.For(name);
        var caps = venue.Capabilities;
        var reason = state.VenueHaltReason(name);
        var health = (venue as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;
        var inner = ThrottledVenue.Innermost(venue);
        return new VenueResponse(name, reason is not null, reason, coordinator.OrdersInFlight,
            coordinator.LastReportAt?.UtcDateTime, caps.OrderTypes.Select(ApiNames.Of).Order().ToList(),
            caps.TimesInForce.Select(ApiNames.Of).Order().ToList(), caps.Replace, caps.StatusQueries)
        {
            Connected = health.Connected, Reachable = health.Reachable, ConnectionDetail = health.Detail,
            Session = inner is FixVenue fix && fix.Name == name ? FixSessionResponse.From(fix.Snapshot()) : null,
        };
    }
}
