// The venues a trader may name (GET /api/v1/venues) and how an order's venue was chosen
// (GET /api/v1/orders/{id}/routing, read from the order's ROUTED audit entry; docs/routing.md).
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Hosting;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Routing;

public static class RoutingEndpoints
{
    public static void MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/venues", ListVenues).RequireAuthorization().WithTags("Venues")
            .Produces<TradingVenueListResponse>()
            .WithSummary("The venues an order may name (or SMART), what each takes and charges, and the default");
        app.MapGet("/api/v1/orders/{id}/routing", RoutingAsync).RequireAuthorization().WithTags("Orders")
            .Produces<RoutingResponse>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("How the order's venue was chosen: every venue the SMART router considered, and why");
    }

    private static IResult ListVenues(HttpContext http, VenueSet venues, IVenueBoard board, VenueFees fees,
        TradingControls controls)
    {
        var caller = Caller.From(http.User).Id;
        return TypedResults.Ok(new TradingVenueListResponse(board.DefaultVenue, venues.All.Select(v =>
        {
            var health = (v as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;
            return new TradingVenueResponse(v.Name, board.MayUse(caller, v.Name),
                controls.VenueHaltReason(v.Name) is not null, health.Connected, health.Reachable,
                v.Capabilities.OrderTypes.Select(ApiNames.Of).Order().ToList(),
                v.Capabilities.TimesInForce.Select(ApiNames.Of).Order().ToList(),
                FeeScheduleResponse.From(fees.For(v.Name)));
        }).ToList()));
    }

    private static async Task<IResult> RoutingAsync(HttpContext http, IOrderStore store, string id,
        CancellationToken ct)
    {
        var (order, problem) = await OrderEndpoints.FindVisibleAsync(http, store, id, ct);
        if (order is null) return problem!;
        // A part of an order SMART split was routed with it: its parent's decision says why it is where it is.
        var routedId = order is { Role: LegRole.Route, ParentOrderId: { } parent } ? parent : order.Id;
        var venue = routedId == order.Id ? order.Venue : Order.SmartVenue;
        if (StoredRouting.Behind(await store.GetAuditTrailAsync(routedId, ct), venue) is not var (entry, stored))
            return TypedResults.Ok(new RoutingResponse(order.Id.Value, order.Venue, false, null,
                $"The order named its venue ({order.Venue}).", []));
        return TypedResults.Ok(new RoutingResponse(order.Id.Value, order.Venue, true,
            entry.Record.Timestamp.UtcDateTime, stored.Reason,
            stored.Considered) { Allocations = stored.Allocations });
    }
}
