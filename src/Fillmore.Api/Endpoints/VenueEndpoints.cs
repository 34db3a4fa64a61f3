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
using Fillmore.Core.Risk;

public static class VenueEndpoints
{
    public static void MapVenueEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/venues").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", (ExecutionCoordinator coordinator, ControlService controls, TradingControls state) =>
                TypedResults.Ok(new VenueListResponse(controls.Venues.Select(v => Describe(v, coordinator, state))
                    .ToList())))
            .WithSummary("Each venue: halted and why, orders in flight, last report, what it supports");
        admin.MapPut("/{name}/halt", HaltAsync).Produces<VenueResponse>().ProducesProblem(404)
            .WithSummary("Halt (stop sending to) or resume a venue");
    }

    private static async Task<IResult> HaltAsync(HttpContext http, string name, VenueHaltRequest body,
        ExecutionCoordinator coordinator, ControlService controls, TradingControls state, CancellationToken ct)
    {
        if (!controls.Venues.Contains(name, StringComparer.Ordinal))
            return Problems.Single(404, ReasonCodes.VenueNotFound, "No such venue",
                $"This node sends to no venue named '{name}'.",
                $"Use one of: {string.Join(", ", controls.Venues)} (GET /api/v1/admin/venues).");
        var reason = body.Halted
            ? string.IsNullOrWhiteSpace(body.Reason) ? "halted by an administrator" : body.Reason.Trim() : null;
        await controls.SetVenueHaltAsync(name, reason, Actor.Admin,
            $"administrator {Caller.From(http.User).Id}", ct);
        return TypedResults.Ok(Describe(name, coordinator, state));
    }

    private static VenueResponse Describe(string name, ExecutionCoordinator coordinator, TradingControls state)
    {
        var caps = coordinator.VenueCapabilities;
        var reason = state.VenueHaltReason(name);
        return new VenueResponse(name, reason is not null, reason, coordinator.OrdersInFlight,
            coordinator.LastReportAt?.UtcDateTime, caps.OrderTypes.Select(ApiNames.Of).Order().ToList(),
            caps.TimesInForce.Select(ApiNames.Of).Order().ToList(), caps.Replace, caps.StatusQueries);
    }
}
