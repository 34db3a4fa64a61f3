// Reference data and quotes for the nodes' risk rules (they poll these):
//   GET /v1/instruments   every listed instrument with its status
//   GET /v1/quotes        the latest quote of every instrument that has one
namespace Fillmore.Exchange;

using Fillmore.Venues.Remote.Wire;
using Fillmore.Venues.Simulated;

internal static class MarketEndpoints
{
    public static void MapMarketEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/instruments", (SimulatedVenue venue) =>
            TypedResults.Ok(venue.Instruments.OrderBy(i => i.Symbol.Value, StringComparer.Ordinal)
                .Select(WireMapping.ToWire).ToList()));
        app.MapGet("/v1/quotes", (SimulatedVenue venue) =>
            TypedResults.Ok(venue.Instruments.OrderBy(i => i.Symbol.Value, StringComparer.Ordinal)
                .Select(i => venue.TryGetQuote(i.Symbol, out var q) ? WireMapping.ToWire(q) : null)
                .OfType<WireQuote>().ToList()));
    }
}
