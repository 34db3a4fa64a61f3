// Orders at the exchange, by client order id (Fillmore's OrderId):
//   POST   /v1/orders               new order (WireOrder) → OutcomeResponses
//   DELETE /v1/orders/{id}          cancel request; the outcome arrives as a Cancelled report
//   PUT    /v1/orders/{id}          replace request (WireReplace); the outcome arrives as a Replaced report
//   GET    /v1/orders/{id}          the order's state with its executions; 404 ORDER_NOT_FOUND
//   GET    /v1/orders?status=open   working orders (no status: every order, terminal ones too)
// A query the simulator fails on purpose (QueryFailure fault) is a 503: it proves nothing.
// An order or cancel that arrived is processed even if its sender goes away before the answer
// (like a real exchange, and the very case a node crash mid-flight creates): the request's abort
// token is deliberately not passed on for them.
namespace Fillmore.Exchange;

using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;
using Fillmore.Venues.Simulated;

internal static class OrderEndpoints
{
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/orders", SubmitAsync);
        // The body (WireCancel) only exists to stop HttpClient's silent re-send; the route names the order.
        app.MapDelete("/v1/orders/{id:guid}", async (Guid id, SimulatedVenue venue, HttpContext http) =>
            OutcomeResponses.For(await venue.CancelAsync(new OrderId(id), CancellationToken.None), id, http));
        app.MapPut("/v1/orders/{id:guid}", ReplaceAsync);
        app.MapGet("/v1/orders/{id:guid}", QueryAsync);
        app.MapGet("/v1/orders", ListAsync);
    }

    private static async Task<IResult> SubmitAsync(WireOrder order, SimulatedVenue venue, TimeProvider time,
        HttpContext http)
    {
        if (ExchangeOrders.Problem(order) is { } problem) return TypedResults.BadRequest(problem);
        var outcome = await venue.SubmitAsync(ExchangeOrders.ToOrder(order, venue.Name, time.GetUtcNow()),
            string.IsNullOrWhiteSpace(order.Account) ? null : order.Account, CancellationToken.None);
        return OutcomeResponses.For(outcome, order.ClientOrderId, http);
    }

    private static async Task<IResult> ReplaceAsync(Guid id, WireReplace replace, SimulatedVenue venue,
        TimeProvider time, HttpContext http)
    {
        if (replace.Quantity <= 0 || replace.LimitPrice is <= 0 || replace.StopPrice is <= 0)
            return TypedResults.BadRequest(new WireError(ReasonCodes.InvalidOrder,
                "A replace needs a positive quantity and positive prices."));
        if (await venue.QueryAsync(new OrderId(id), CancellationToken.None) is not VenueQuery.Found found)
            return TypedResults.NotFound(new WireError(WireError.OrderNotFound,
                $"The exchange has no order with client order id {id}."));
        var order = ExchangeOrders.ToOrder(new WireOrder(id, found.State.Symbol.Value, found.State.Side,
            found.State.Quantity, OrderType.Limit, replace.LimitPrice, replace.StopPrice, TimeInForce.Gtc), venue.Name,
            time.GetUtcNow());
        var terms = order.Terms with { Quantity = replace.Quantity, LimitPrice = replace.LimitPrice,
            StopPrice = replace.StopPrice };
        return OutcomeResponses.For(await venue.ReplaceAsync(order, terms, CancellationToken.None), id, http);
    }

    private static async Task<IResult> QueryAsync(Guid id, SimulatedVenue venue, HttpContext http) =>
        await venue.QueryAsync(new OrderId(id), http.RequestAborted) switch
        {
            VenueQuery.Found f => TypedResults.Ok(WireMapping.ToWire(f.State)),
            VenueQuery.NotFound => TypedResults.NotFound(new WireError(WireError.OrderNotFound,
                $"The exchange has no order with client order id {id}.")),
            VenueQuery.Unknown u => Unavailable(u.Reason),
            var other => throw new InvalidOperationException($"unhandled query answer {other}"),
        };

    private static async Task<IResult> ListAsync(string? status, SimulatedVenue venue, HttpContext http)
    {
        if (string.IsNullOrEmpty(status))
            return TypedResults.Ok(venue.AllOrders().OrderBy(o => o.OrderId.Value).Select(WireMapping.ToWire).ToList());
        if (!string.Equals(status, "open", StringComparison.OrdinalIgnoreCase))
            return TypedResults.BadRequest(new WireError(ReasonCodes.InvalidStatusFilter,
                $"status='{status}' is not supported; use status=open or no filter."));
        var open = await venue.ListOpenOrdersAsync(http.RequestAborted);
        return open is null ? Unavailable("the open-order list failed")
            : TypedResults.Ok(open.Select(WireMapping.ToWire).ToList());
    }

    private static IResult Unavailable(string reason) =>
        TypedResults.Json(new WireError(ReasonCodes.QueryFailed, reason),
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
