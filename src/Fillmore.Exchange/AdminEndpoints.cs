// Operator and test controls of the paper exchange:
//   POST /v1/admin/faults       replace the fault plan (SimulatedFaults JSON; {} switches faults off)
//   POST /v1/admin/prices       move a symbol's mid price ({symbol, price}); resting orders match against it
//   POST /v1/admin/disconnect   drop every report session at once (clients must reconnect and reconcile)
//   GET  /v1/admin/submissions  how many times each client order id was sent (the "never twice" check)
//   GET  /v1/admin/arrivals     the client order ids whose submit arrived, answered or not yet (tests wait on it)
namespace Fillmore.Exchange;

using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Venues.Remote.Wire;
using Fillmore.Venues.Simulated;

internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/faults", (SimulatedFaults faults, SimulatedVenue venue) =>
        {
            venue.SetFaults(faults);
            return TypedResults.Ok(faults);
        });
        app.MapPost("/v1/admin/prices", SetPrice);
        app.MapPost("/v1/admin/disconnect",
            (ReportBroadcaster reports) => TypedResults.Ok(new { Dropped = reports.DropAll() }));
        app.MapGet("/v1/admin/submissions", (SimulatedVenue venue) =>
            TypedResults.Ok(venue.Submissions.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value)));
        app.MapGet("/v1/admin/arrivals",
            (SimulatedVenue venue) => TypedResults.Ok(venue.Arrived.Select(id => id.ToString()).ToList()));
    }

    private static IResult SetPrice(WirePrice body, SimulatedVenue venue)
    {
        if (!Symbol.TryCreate(body.Symbol, out var symbol) || venue.FindInstrument(symbol) is null)
            return TypedResults.NotFound(new WireError(ReasonCodes.UnknownSymbol,
                $"The exchange does not list '{body.Symbol}'."));
        if (body.Price <= 0)
            return TypedResults.BadRequest(new WireError(ReasonCodes.InvalidPrice, "price must be positive."));
        venue.SetPrice(symbol, body.Price);
        venue.TryGetQuote(symbol, out var quote);
        return TypedResults.Ok(WireMapping.ToWire(quote));
    }
}
