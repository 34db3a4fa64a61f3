// /api/v1/orders: submit, list, get, cancel, audit (API.md). Every answer for a client mistake
// is a problem document with a stable code; another trader's order is always 404 (FR-013).
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class OrderEndpoints
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const int DefaultPageSize = 20;
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
        orders.MapGet("", ListAsync).ReadsQuery().Produces<OrderListResponse>().ProducesProblem(400)
            .WithSummary("List orders, newest first");
        orders.MapGet("/{id}", GetAsync).Produces<OrderResponse>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Get one order with its fills and legs");
        orders.MapPatch("/{id}", AmendAsync).RequireAuthorization(Policies.Trader)
            .Accepts<AmendOrderRequest>("application/json")
            .Produces<OrderResponse>(200).Produces<OrderResponse>(202).ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(409)
            .ProducesProblem(422)
            .WithSummary("Amend quantity, price, stop price or trail (a held order at once; at the venue: "
                + "cancel/replace)");
        orders.MapDelete("", CancelAllAsync).ReadsQuery().RequireAuthorization(Policies.Trader)
            .Produces<OrderListResponse>()
            .ProducesProblem(400)
            .WithSummary("Cancel every open and held order of yours (?symbol= narrows it)");
        orders.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Policies.Trader)
            .Produces<OrderResponse>(200).Produces<OrderResponse>(202).ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(409)
            .WithSummary("Cancel an order");
        orders.MapPost("/{id}/retry", (HttpContext http, OrderService service, string id, CancellationToken ct) =>
                RecoverAsync(http, id, (trader, orderId) => service.RetryAsync(trader, orderId, ct)))
            .RequireAuthorization(Policies.Trader)
            // 202: re-sent; 200: the venue had the order after all, and its state was adopted.
            .Produces<OrderResponse>(202).Produces<OrderResponse>(200).ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(409).ProducesProblem(422).ProducesProblem(503)
            .WithSummary("Re-send a FAILED order under the same id, after asking the venue whether it has it");
        orders.MapPost("/{id}/acknowledge", (HttpContext http, OrderService service, string id, CancellationToken ct) =>
                RecoverAsync(http, id, (trader, orderId) => service.AcknowledgeAsync(trader, orderId, ct)))
            .RequireAuthorization(Policies.Trader).Produces<OrderResponse>().ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(409)
            .WithSummary("Close out a FAILED order: it stays FAILED and is not retried");
        orders.MapGet("/{id}/audit", AuditAsync).Produces<AuditListResponse>().ProducesProblem(400)
            .ProducesProblem(404)
            .WithSummary("An order's audit trail, oldest first");
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, OrderService service, CancellationToken ct)
    {
        var (request, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.SubmitOrderRequest,
            "{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":10,\"order_type\":\"MARKET\"}", ct);
        if (problem is not null) return problem;
        var keys = http.Request.Headers[IdempotencyKey];
        // Two keys name two orders: which one the client meant is not ours to pick.
        if (keys.Count > 1)
            return Problems.Single(400, ReasonCodes.DuplicateField, "Idempotency-Key sent more than once",
                $"The request has {keys.Count} Idempotency-Key headers.",
                "Send one Idempotency-Key header (or client_order_id in the body).", IdempotencyKey);
        var header = keys.FirstOrDefault();
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
            // Stored as DENIED: the answer names it, as GET /api/v1/orders/{id} and a resend would.
            SubmitResult.Denied d => Problems.Refused(d.Errors, d.Order.Id.Value),
            SubmitResult.ClientOrderIdReused u => Problems.Result(Problems.Body(409, ReasonCodes.ClientOrderIdReused,
                "Client order id already used",
                $"client_order_id '{u.Existing.ClientOrderId}' already belongs to order {u.Existing.Id} "
                    + "with different fields.",
                "Use a new client_order_id for a new order, "
                    + "or resend the original fields to get the original order back.",
                "client_order_id", new Dictionary<string, object?> { ["order_id"] = u.Existing.Id.ToString() })
                with { OrderId = u.Existing.Id.Value }),
            _ => throw new InvalidOperationException($"Unhandled submit result {result}"),
        };
    }

    // Every parameter is read as text (QueryParameters): "limit=ten" is a LIMIT_OUT_OF_RANGE, not a bare 400.
    private static async Task<IResult> ListAsync(HttpContext http, IOrderStore store, string? status, string? symbol,
        string? limit, string? offset, string? trader_id, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var p = new QueryParameters(http.Request, "status", "symbol", "limit", "offset", "trader_id");
        var statusFilter = p.Enum<OrderStatus>("status", ReasonCodes.StatusInvalid, status);
        var symbolFilter = p.Symbol(symbol);
        var pageSize = p.Limit(limit, DefaultPageSize, MaxPageSize, pageWith: "offset");
        var skip = (int)(p.Whole("offset", ReasonCodes.OffsetOutOfRange, offset, 0, int.MaxValue,
            "Use 0 for the first page, then add the limit for each next one.") ?? 0);
        // A trader only ever sees their own orders; compliance sees everyone's and may filter by trader.
        var trader = caller.IsCompliance ? p.Trader(trader_id) : caller.Id;
        if (p.Problem is { } problem) return problem;
        var query = new OrderQuery(trader, statusFilter, symbolFilter, pageSize, skip);
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
        if (!(order.Spec.HasExits || order.IsRoutedParent) || order.ParentOrderId is not null) return null;
        var legs = new List<Order>();
        foreach (var leg in await store.ListChildIdsAsync(order.Id, ct))
            if (await store.GetOrderAsync(leg, ct) is { } child) legs.Add(child);
        return legs;
    }

    private static async Task<IResult> AmendAsync(HttpContext http, OrderService service, string id,
        CancellationToken ct)
    {
        if (!OrderId.TryParse(id, out var orderId)) return InvalidId(id);
        var (request, sent, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.AmendOrderRequest,
            "{\"price\":189.50}", ct);
        if (problem is not null) return problem;
        // A field no amend can change is refused with the other fields' problems, in one answer (AmendRules).
        return await service.AmendAsync(Caller.From(http.User).Id, orderId, request!.ToDraft(sent), ct) switch
        {
            AmendResult.Amended a => TypedResults.Ok(OrderResponse.From(a.Order)),
            AmendResult.Pending p => TypedResults.Json(OrderResponse.From(p.Order),
                FillmoreJsonContext.Web.OrderResponse, statusCode: 202),
            AmendResult.Invalid i => Problems.Invalid(i.Errors),
            AmendResult.Denied d => Problems.Refused(d.Errors, d.Order.Id.Value),
            AmendResult.NotAmendable n => Problems.Single(409, n.Code, "Order cannot be amended now", n.Message,
                n.Code == ReasonCodes.AmendNotSupported ? "Cancel the order and submit a new one with the new terms."
                    : "Only held and working orders can be amended (not while a cancel is pending or before the "
                        + "venue acknowledged it).",
                null, new Dictionary<string, object?> { ["status"] = ApiNames.Of(n.Order.Status) }),
            _ => NotFound(id),
        };
    }

    // A misspelt filter (?symbl=AAPL) is refused, never read as "cancel everything".
    private static async Task<IResult> CancelAllAsync(HttpContext http, OrderService service, string? symbol,
        CancellationToken ct)
    {
        var p = new QueryParameters(http.Request, "symbol");
        var only = p.Symbol(symbol);
        if (p.Problem is { } problem) return problem;
        var touched = await service.CancelAllAsync(Caller.From(http.User).Id, only, ct);
        // One page holds every order touched: total is their number, offset 0, and limit the page's size, which is
        // never 0 (a list's limit is at least 1), so offset + limit >= total says there is no next page.
        return TypedResults.Ok(new OrderListResponse(touched.Select(o => OrderResponse.From(o)).ToList(), touched.Count,
            Math.Max(touched.Count, 1), 0));
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
        Func<TraderId, OrderId, Task<RecoveryResult>> act)
    {
        if (!OrderId.TryParse(id, out var orderId)) return InvalidId(id);
        var result = await act(Caller.From(http.User).Id, orderId);
        return result switch
        {
            RecoveryResult.Done { Resent: true } d =>
                TypedResults.Json(OrderResponse.From(d.Order), FillmoreJsonContext.Web.OrderResponse, statusCode: 202),
            RecoveryResult.Done d => TypedResults.Ok(OrderResponse.From(d.Order)),
            RecoveryResult.NotAllowed n => Problems.Single(409, n.Code, "Not possible for this order", n.Message,
                n.Code == ReasonCodes.OrderAcknowledged ? "Submit a new order instead."
                    : "Only FAILED orders and orders in doubt can be retried or acknowledged; GET the order to see "
                        + "where it is."),
            RecoveryResult.Denied d => Problems.Refused(d.Errors, d.Order.Id.Value),
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

    internal static async Task<(Order?, IResult?)> FindVisibleAsync(HttpContext http, IOrderStore store, string id,
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
