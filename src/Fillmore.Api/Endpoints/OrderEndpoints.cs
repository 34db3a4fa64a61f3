// /api/v1/orders: submit, list, get, cancel, audit (API.md). Every answer for a client mistake
// is a problem document with a stable code; another trader's order is always 404 (FR-013).
namespace Fillmore.Api.Endpoints;

using System.Text.Json;
using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public static class OrderEndpoints
{
    public const int MaxPageSize = 100;

    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").RequireAuthorization().WithTags("Orders");
        orders.MapPost("", SubmitAsync).RequireAuthorization(Policies.Trader)
            .RequireRateLimiting(Hosting.OrderRateLimiting.Policy)
            .Accepts<SubmitOrderRequest>("application/json")
            .Produces<OrderResponse>(201).Produces<OrderResponse>(200)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Submit an order");
        orders.MapGet("", ListAsync).Produces<OrderListResponse>().ProducesProblem(400)
            .WithSummary("List orders, newest first");
        orders.MapGet("/{id}", GetAsync).Produces<OrderResponse>().ProducesProblem(404)
            .WithSummary("Get one order with its fills and legs");
        orders.MapPatch("/{id}", AmendAsync).RequireAuthorization(Policies.Trader)
            .Accepts<AmendOrderRequest>("application/json")
            .Produces<OrderResponse>(200).Produces<OrderResponse>(202).ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(409)
            .ProducesProblem(422)
            .WithSummary("Amend quantity, price, stop price or trail (a held order at once; at the venue: "
                + "cancel/replace)");
        orders.MapDelete("", CancelAllAsync).RequireAuthorization(Policies.Trader).Produces<OrderListResponse>()
            .ProducesProblem(400)
            .WithSummary("Cancel every open and held order of yours (?symbol= narrows it)");
        orders.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Policies.Trader)
            .Produces<OrderResponse>(200).Produces<OrderResponse>(202).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel an order");
        orders.MapPost("/{id}/retry", (HttpContext http, OrderService service, string id, CancellationToken ct) =>
                RecoverAsync(http, id, (trader, orderId) => service.RetryAsync(trader, orderId, ct), accepted: true))
            .RequireAuthorization(Policies.Trader).Produces<OrderResponse>(202).ProducesProblem(404)
            .ProducesProblem(409).ProducesProblem(422).ProducesProblem(503)
            .WithSummary("Re-send a FAILED order under the same id, after asking the venue whether it has it");
        orders.MapPost("/{id}/acknowledge", (HttpContext http, OrderService service, string id, CancellationToken ct) =>
                RecoverAsync(http, id, (trader, orderId) => service.AcknowledgeAsync(trader, orderId, ct),
                    accepted: false))
            .RequireAuthorization(Policies.Trader).Produces<OrderResponse>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Close out a FAILED order: it stays FAILED and is not retried");
        orders.MapGet("/{id}/audit", AuditAsync).Produces<AuditListResponse>().ProducesProblem(404)
            .WithSummary("An order's audit trail, oldest first");
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, OrderService service, CancellationToken ct)
    {
        var (request, problem) = await ReadBodyAsync(http, ct);
        if (problem is not null) return problem;
        var header = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (header is not null && request!.ClientOrderId is not null && header != request.ClientOrderId)
            return Problems.Single(400, ReasonCodes.IdempotencyKeyMismatch, "Conflicting idempotency keys",
                $"The Idempotency-Key header '{header}' differs from client_order_id '{request.ClientOrderId}'.",
                "Send one of them, or the same value in both.", "client_order_id");
        var caller = Caller.From(http.User);
        var result = await service.SubmitAsync(caller.Id, request!.ToDraft(request.ClientOrderId ?? header), ct);
        return result switch
        {
            SubmitResult.Created c => TypedResults.Created($"/api/v1/orders/{c.Order.Id}", OrderResponse.From(c.Order)),
            SubmitResult.Replayed r => TypedResults.Ok(OrderResponse.From(r.Order)),
            SubmitResult.Invalid i => Problems.Invalid(i.Errors),
            SubmitResult.Denied d => Problems.Refused(d.Errors),
            SubmitResult.ClientOrderIdReused u => Problems.Single(409, ReasonCodes.ClientOrderIdReused,
                "Client order id already used",
                $"client_order_id '{u.Existing.ClientOrderId}' already belongs to order {u.Existing.Id} "
                    + "with different fields.",
                "Use a new client_order_id for a new order, "
                    + "or resend the original fields to get the original order back.",
                "client_order_id", new Dictionary<string, object?> { ["order_id"] = u.Existing.Id.ToString() }),
            _ => throw new InvalidOperationException($"Unhandled submit result {result}"),
        };
    }

    private static Task<(SubmitOrderRequest?, IResult?)> ReadBodyAsync(HttpContext http, CancellationToken ct) =>
        ReadJsonAsync(http, FillmoreJsonContext.Web.SubmitOrderRequest, ct);

    private static async Task<(T?, IResult?)> ReadJsonAsync<T>(HttpContext http,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        try
        {
            var request = await JsonSerializer.DeserializeAsync(http.Request.Body, type, ct);
            return request is null
                ? (null, Problems.Single(400, ReasonCodes.BodyRequired, "No JSON object in the request",
                    "The request has no JSON body.",
                    typeof(T) == typeof(AmendOrderRequest)
                        ? "Send what changes as a JSON object, e.g. {\"price\":189.50}."
                        : "Send the order as a JSON object, e.g. "
                            + "{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":10,\"order_type\":\"MARKET\"}."))
                : (request, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
                : null;
            return (null, field is null
                ? Problems.Single(400, ReasonCodes.MalformedJson, "The body is not valid JSON",
                    "The request body could not be read as a JSON object.",
                    "Check the JSON syntax: quotes around strings, commas between fields, no trailing text.")
                : Problems.Single(400, ReasonCodes.FieldTypeInvalid, "A field has the wrong type",
                    $"The field '{field}' has a value of the wrong type.", $"Send '{field}' as {ExpectedType(field)}.",
                    field));
        }
    }

    private static string ExpectedType(string field) => field switch
    {
        "quantity" => "a whole number, e.g. 10",
        "price" or "stop_price" or "stop_loss" or "take_profit" or "stop_loss_limit_price"
            or "trail_price" => "a number, e.g. 189.50",
        "trail_percent" => "a number, e.g. 2.5",
        _ => "a string",
    };

    private static async Task<IResult> ListAsync(HttpContext http, IOrderStore store, string? status, string? symbol,
        int? limit, int? offset, string? trader_id, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var errors = new List<RuleViolation>();
        OrderStatus? statusFilter = null;
        if (status is not null && ApiNames.TryParse<OrderStatus>(status, out var s)) statusFilter = s;
        else if (status is not null)
            errors.Add(new("status", ReasonCodes.StatusInvalid, $"'{status}' is not an order status.",
                $"Use one of {string.Join(", ", ApiNames.AllOf<OrderStatus>())}."));
        Symbol? symbolFilter = null;
        if (symbol is not null && Symbol.TryCreate(symbol, out var sym)) symbolFilter = sym;
        else if (symbol is not null)
            errors.Add(new("symbol", ReasonCodes.SymbolInvalid, $"'{symbol}' is not a valid symbol.",
                "Use a ticker such as AAPL."));
        if (limit is < 1 or > MaxPageSize)
            errors.Add(new("limit", ReasonCodes.LimitOutOfRange,
                $"limit must be between 1 and {MaxPageSize}; it is {limit}.",
                $"Use a limit of at most {MaxPageSize} and page with offset."));
        if (offset is < 0)
            errors.Add(new("offset", ReasonCodes.OffsetOutOfRange, $"offset cannot be negative; it is {offset}.",
                "Use 0 for the first page."));
        if (errors.Count > 0) return Problems.Invalid(errors);
        // A trader only ever sees their own orders; compliance sees everyone's and may filter by trader.
        var trader = caller.IsCompliance ? (trader_id is null ? (TraderId?)null : new TraderId(trader_id)) : caller.Id;
        var query = new OrderQuery(trader, statusFilter, symbolFilter, limit ?? 20, offset ?? 0);
        var page = await store.ListOrdersAsync(query, ct);
        return TypedResults.Ok(new OrderListResponse(page.Orders.Select(o => OrderResponse.From(o)).ToList(),
            page.Total, query.Limit, query.Offset));
    }

    private static async Task<IResult> GetAsync(HttpContext http, IOrderStore store, string id, CancellationToken ct)
    {
        var (order, problem) = await FindVisibleAsync(http, store, id, ct);
        if (order is null) return problem!;
        return TypedResults.Ok(OrderResponse.From(order, await store.GetFillsAsync(order.Id, ct),
            await LegsAsync(store, order, ct)));
    }

    private static async Task<IReadOnlyList<Order>?> LegsAsync(IOrderStore store, Order order, CancellationToken ct)
    {
        if (!order.Spec.HasExits || order.ParentOrderId is not null) return null;
        var legs = new List<Order>();
        foreach (var leg in await store.ListChildIdsAsync(order.Id, ct))
            if (await store.GetOrderAsync(leg, ct) is { } child) legs.Add(child);
        return legs;
    }

    private static async Task<IResult> AmendAsync(HttpContext http, OrderService service, string id,
        CancellationToken ct)
    {
        if (!OrderId.TryParse(id, out var orderId)) return InvalidId(id);
        var (request, problem) = await ReadJsonAsync(http, FillmoreJsonContext.Web.AmendOrderRequest, ct);
        if (problem is not null) return problem;
        var refused = request!.Unamendable().Select(f => new RuleViolation(f, ReasonCodes.FieldNotAmendable,
            $"The field '{f}' cannot be amended.", "Cancel the order and submit a new one to change it.")).ToList();
        if (refused.Count > 0) return Problems.Invalid(refused);
        return await service.AmendAsync(Caller.From(http.User).Id, orderId, request.ToDraft(), ct) switch
        {
            AmendResult.Amended a => TypedResults.Ok(OrderResponse.From(a.Order)),
            AmendResult.Pending p => TypedResults.Json(OrderResponse.From(p.Order),
                FillmoreJsonContext.Web.OrderResponse, statusCode: 202),
            AmendResult.Invalid i => Problems.Invalid(i.Errors),
            AmendResult.Denied d => Problems.Refused(d.Errors),
            AmendResult.NotAmendable n => Problems.Single(409, n.Code, "Order cannot be amended now", n.Message,
                n.Code == ReasonCodes.AmendNotSupported ? "Cancel the order and submit a new one with the new terms."
                    : "Only held and working orders can be amended (not while a cancel is pending or before the "
                        + "venue acknowledged it).",
                null, new Dictionary<string, object?> { ["status"] = ApiNames.Of(n.Order.Status) }),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> CancelAllAsync(HttpContext http, OrderService service, string? symbol,
        CancellationToken ct)
    {
        Symbol? only = null;
        if (symbol is not null && Symbol.TryCreate(symbol, out var parsed)) only = parsed;
        else if (symbol is not null)
            return Problems.Invalid([new("symbol", ReasonCodes.SymbolInvalid, $"'{symbol}' is not a valid symbol.",
                "Use a ticker such as AAPL.")]);
        var touched = await service.CancelAllAsync(Caller.From(http.User).Id, only, ct);
        return TypedResults.Ok(new OrderListResponse(touched.Select(o => OrderResponse.From(o)).ToList(), touched.Count,
            touched.Count, 0));
    }

    private static async Task<IResult> CancelAsync(HttpContext http, OrderService service, string id,
        CancellationToken ct)
    {
        if (!OrderId.TryParse(id, out var orderId)) return InvalidId(id);
        var result = await service.CancelAsync(Caller.From(http.User).Id, orderId, ct);
        return result switch
        {
            CancelResult.Accepted a when a.Order.Status == OrderStatus.Cancelled =>
                TypedResults.Ok(OrderResponse.From(a.Order)),
            CancelResult.Accepted a => TypedResults.Json(OrderResponse.From(a.Order),
                FillmoreJsonContext.Web.OrderResponse, statusCode: 202),
            CancelResult.NotCancellable n => Problems.Single(409, n.Code, "Order can no longer be cancelled",
                $"Order {n.Order.Id} is already {ApiNames.Of(n.Order.Status)}.",
                "Nothing to cancel: the order is finished. GET the order to see its fills.", null,
                new Dictionary<string, object?> { ["status"] = ApiNames.Of(n.Order.Status) }),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> RecoverAsync(HttpContext http, string id,
        Func<TraderId, OrderId, Task<RecoveryResult>> act, bool accepted)
    {
        if (!OrderId.TryParse(id, out var orderId)) return InvalidId(id);
        var result = await act(Caller.From(http.User).Id, orderId);
        return result switch
        {
            RecoveryResult.Done d when accepted && d.Order.Status == OrderStatus.PendingSubmit =>
                TypedResults.Json(OrderResponse.From(d.Order), FillmoreJsonContext.Web.OrderResponse, statusCode: 202),
            RecoveryResult.Done d => TypedResults.Ok(OrderResponse.From(d.Order)),
            RecoveryResult.NotAllowed n => Problems.Single(409, n.Code, "Not possible for this order", n.Message,
                n.Code == ReasonCodes.OrderAcknowledged ? "Submit a new order instead."
                    : "Only FAILED orders and orders in doubt can be retried or acknowledged; GET the order to see "
                        + "where it is."),
            RecoveryResult.Denied d => Problems.Refused(d.Errors),
            RecoveryResult.VenueUnavailable v => Problems.Single(503, ReasonCodes.VenueUnavailable,
                "The venue cannot be asked right now",
                $"Fillmore could not check whether the venue already has the order ({v.Reason}), so nothing was sent.",
                "Try again in a moment."),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> AuditAsync(HttpContext http, IOrderStore store, string id, CancellationToken ct)
    {
        var (order, problem) = await FindVisibleAsync(http, store, id, ct);
        if (order is null) return problem!;
        var entries = await store.GetAuditTrailAsync(order.Id, ct);
        return TypedResults.Ok(new AuditListResponse(entries.Select(AuditEntryResponse.From).ToList(), entries.Count));
    }

    private static async Task<(Order?, IResult?)> FindVisibleAsync(HttpContext http, IOrderStore store, string id,
        CancellationToken ct)
    {
        if (!OrderId.TryParse(id, out var orderId)) return (null, InvalidId(id));
        var order = await store.GetOrderAsync(orderId, ct);
        return order is not null && Caller.From(http.User).MaySee(order.TraderId) ? (order, null)
            : (null, NotFound(id));
    }

    private static IResult InvalidId(string id) => Problems.Single(400, ReasonCodes.OrderIdInvalid, "Not an order id",
        $"'{id}' is not an order id.",
        "Order ids are UUIDs such as 3f2b8c1e-6d1a-4c5e-9f0a-2b7d4e8c1a90, as returned when the order was submitted.",
        "id");

    private static IResult NotFound(string id) => Problems.Single(404, ReasonCodes.OrderNotFound, "Order not found",
        $"No order {id} was found for your account.", "Check the id; GET /api/v1/orders lists your orders.", "id");
}
