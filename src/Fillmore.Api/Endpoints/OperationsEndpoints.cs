// Instruments, and the administrator's switch for ORDER_EXECUTION_V2_ENABLED (health:
// HealthEndpoints; ghosts: GhostEndpoints). Admin bodies are read by JsonBody, like the orders'.
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
        admin.MapGet("/execution-flag", (ControlService controls) => Describe(controls.Flag));
        // The quick start's paper exchange runs in this process: in Development an admin can move its
        // prices, so that examples and tests can watch a stop trigger.
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            admin.MapPost("/prices", SetPriceAsync).Accepts<PriceRequest>("application/json")
                .Produces<InstrumentResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
                .ProducesProblem(415)
                .WithSummary("Move the in-process paper exchange's price of a symbol (Development only)");
        admin.MapPut("/execution-flag", SetFlagAsync).Accepts<ExecutionFlagRequest>("application/json")
            .Produces<ExecutionFlagResponse>().ProducesProblem(400).ProducesProblem(415)
            .WithSummary("Switch ORDER_EXECUTION_V2_ENABLED at run time (persisted, audited, followed by every node)");
    }

    private static async Task<IResult> SetFlagAsync(HttpContext http, ControlService controls, CancellationToken ct)
    {
        var (body, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.ExecutionFlagRequest,
            "{\"value\":\"on\"}", ct);
        if (problem is not null) return problem;
        if (body!.Value is null)
            return Problems.Single(400, ReasonCodes.FieldRequired, "No flag value",
                "The field 'value' is missing.", "Send {\"value\":\"on\"}, \"off\" or a percentage such as \"25%\".",
                "value");
        if (!ExecutionFlag.TryParse(body.Value, out var parsed))
            return Problems.Single(400, ReasonCodes.FlagValueInvalid, "Not a flag value",
                $"'{QueryParameters.Shown(body.Value)}' is not a value for ORDER_EXECUTION_V2_ENABLED.",
                "Use on, off, or a percentage of traders such as 25%.", "value");
        await controls.SetFlagAsync(parsed, $"administrator {Caller.From(http.User).Id}", ct);
        return Describe(parsed);
    }

    private static async Task<IResult> SetPriceAsync(HttpContext http, VenueSet venues, CancellationToken ct)
    {
        var (body, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.PriceRequest,
            "{\"symbol\":\"AAPL\",\"price\":185.00}", ct);
        if (problem is not null) return problem;
        var named = body!.Venue is { } asked ? venues.Resolve(asked) : venues.Primary.Name;
        if (named is null)
            return Problems.Single(404, ReasonCodes.VenueNotFound, "No such venue",
                $"This node sends to no venue named '{QueryParameters.Shown(body.Venue!)}'.",
                $"Use one of: {string.Join(", ", venues.Names)}.", "venue");
        var target = venues.For(named);
        if (Venues.Throttled.ThrottledVenue.Innermost(target) is not SimulatedVenue paper)
            return Problems.Single(409, ReasonCodes.PricesNotSettable, "Prices come from the venue",
                $"The venue {target.Name} is not the in-process paper exchange; its prices cannot be set here.",
                "Move the price at the venue itself (the exchange process has POST /v1/admin/prices).");
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(body!.Symbol))
            errors.Add(new("symbol", ReasonCodes.SymbolRequired, "The symbol is missing.",
                "Send e.g. {\"symbol\":\"AAPL\",\"price\":185.00}."));
        else if (!Symbol.TryCreate(body.Symbol, out var listed) || paper.FindInstrument(listed) is null)
            errors.Add(new("symbol", ReasonCodes.UnknownSymbol,
                $"The paper exchange does not list '{QueryParameters.Shown(body.Symbol)}'.",
                "GET /api/v1/instruments lists them."));
        // A price below one tick would quote a negative bid, one above the largest order price overflow the risk
        // arithmetic of every order after it: both are refused, like a price off the tick.
        var tick = errors.Count == 0 ? paper.FindInstrument(Symbol.Of(body.Symbol!))!.TickSize : (decimal?)null;
        if (body.Price is not > 0 || body.Price > OrderShapeRules.MaxPrice)
            errors.Add(new("price", ReasonCodes.PriceInvalid,
                $"The price must be more than zero and at most {OrderShapeRules.MaxPrice:0}; it is "
                    + $"{body.Price?.ToString() ?? "missing"}.",
                "Send e.g. {\"symbol\":\"AAPL\",\"price\":185.00}."));
        else if (tick is { } t && body.Price % t != 0)
            errors.Add(new("price", ReasonCodes.PriceNotOnTick,
                $"The price {body.Price} is not a multiple of the tick size {t}.",
                $"Use {decimal.Floor(body.Price.Value / t) * t} or {decimal.Floor(body.Price.Value / t) * t + t}."));
        if (errors.Count > 0) return Problems.Invalid(errors, "price");
        var symbol = Symbol.Of(body.Symbol!);
        // No venue named: the market moves, at every paper venue (a demo's "the price falls to 185" must not
        // leave a second venue quoting the old price, which would cross the consolidated quote).
        var moved = body.Venue is null ? venues.All.Select(v => Venues.Throttled.ThrottledVenue.Innermost(v))
            .OfType<SimulatedVenue>().Where(v => v.FindInstrument(symbol) is not null).ToList() : [paper];
        foreach (var venue in moved) venue.SetPrice(symbol, body.Price!.Value);
        paper.TryGetQuote(symbol, out var quote);
        // The instrument's own status: moving a halted symbol's price does not make it tradable.
        var instrument = paper.FindInstrument(symbol)!;
        return TypedResults.Ok(new InstrumentResponse(symbol.Value, instrument.Name, ApiNames.Of(instrument.Status),
            instrument.TickSize, quote.Bid, quote.Ask, quote.Last));
    }

    private static IResult Describe(ExecutionFlag flag) =>
        TypedResults.Ok(new ExecutionFlagResponse(flag.ToString(), flag.PercentOfTraders));
}
