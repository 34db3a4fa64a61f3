// Instruments, and the administrator's switch for ORDER_EXECUTION_V2_ENABLED (health:
// HealthEndpoints; ghosts: GhostEndpoints).
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Api.Hosting;
using Fillmore.Core;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Venues.Simulated;

public static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/instruments", (IMarketData venue) => TypedResults.Ok(new InstrumentListResponse(
                venue.Instruments.OrderBy(i => i.Symbol.Value, StringComparer.Ordinal).Select(i =>
                {
                    var quoted = venue.TryGetQuote(i.Symbol, out var q);
                    return new InstrumentResponse(i.Symbol.Value, i.Name, ApiNames.Of(i.Status), i.TickSize,
                        quoted ? q.Bid : null, quoted ? q.Ask : null, quoted ? q.Last : null);
                }).ToList())))
            .RequireAuthorization().WithTags("Market").WithSummary("Tradable instruments with their current quotes");

        var admin = app.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/execution-flag", (ExecutionFlagHolder flag) => Describe(flag.Current));
        // The quick start's paper exchange runs in this process: in Development an admin can move its
        // prices, so that examples and tests can watch a stop trigger.
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            admin.MapPost("/prices", SetPrice)
                .WithSummary("Move the in-process paper exchange's price of a symbol (Development only)");
        admin.MapPut("/execution-flag", (ExecutionFlagRequest body, ExecutionFlagHolder flag) =>
        {
            if (!ExecutionFlag.TryParse(body.Value, out var parsed))
                return Problems.Single(400, ReasonCodes.FlagValueInvalid, "Not a flag value",
                    $"'{body.Value}' is not a value for ORDER_EXECUTION_V2_ENABLED.",
                    "Use on, off, or a percentage of traders such as 25%.", "value");
            flag.Current = parsed;
            return Describe(parsed);
        }).WithSummary("Switch ORDER_EXECUTION_V2_ENABLED at run time");
    }

    private static IResult SetPrice(PriceRequest body, IVenue venue)
    {
        if (Venues.Throttled.ThrottledVenue.Innermost(venue) is not SimulatedVenue paper)
            return Problems.Single(409, ReasonCodes.PricesNotSettable, "Prices come from the venue",
                $"The venue {venue.Name} is not the in-process paper exchange; its prices cannot be set here.",
                "Move the price at the venue itself (the exchange process has POST /v1/admin/prices).");
        var errors = new List<RuleViolation>();
        if (!Symbol.TryCreate(body.Symbol, out var symbol) || paper.FindInstrument(symbol) is null)
            errors.Add(new("symbol", ReasonCodes.UnknownSymbol, $"The paper exchange does not list '{body.Symbol}'.",
                "GET /api/v1/instruments lists them."));
        if (body.Price is not > 0)
            errors.Add(new("price", ReasonCodes.PriceInvalid,
                $"The price must be more than zero; it is {body.Price?.ToString() ?? "missing"}.",
                "Send e.g. {\"symbol\":\"AAPL\",\"price\":185.00}."));
        if (errors.Count > 0) return Problems.Invalid(errors);
        paper.SetPrice(symbol, body.Price!.Value);
        paper.TryGetQuote(symbol, out var quote);
        return TypedResults.Ok(new InstrumentResponse(symbol.Value, paper.FindInstrument(symbol)!.Name,
            ApiNames.Of(InstrumentStatus.Active), paper.FindInstrument(symbol)!.TickSize, quote.Bid, quote.Ask,
            quote.Last));
    }

    private static IResult Describe(ExecutionFlag flag) =>
        TypedResults.Ok(new ExecutionFlagResponse(flag.ToString(), flag.PercentOfTraders));
}
