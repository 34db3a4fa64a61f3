// WS /ws/orders/events (live stream with replay) and GET /api/v1/events (polling fallback with an
// optional long-poll). Both use the same authentication as the HTTP API; a trader gets only their
// own events; compliance may watch every trader (and replay or poll one trader at a time).
namespace Fillmore.Api.Endpoints;

using System.Text.Json;
using Fillmore.Api.Auth;
using Fillmore.Api.Errors;
using Fillmore.Api.Streaming;
using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Options;

public static class StreamEndpoints
{
    public const int MaxPollLimit = 1000;

    public static void MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/orders/events", StreamAsync).RequireAuthorization().WithTags("Streaming")
            .WithSummary("WebSocket: every status change of your orders, live, with replay from ?since=<seq>");
        app.MapGet("/api/v1/events", PollAsync).RequireAuthorization().WithTags("Streaming")
            .WithSummary("Your order events after ?after=<seq>, optionally waiting up to ?wait=<seconds> for new ones");
    }

    private static async Task<IResult> StreamAsync(HttpContext http, EventHub hub, IOrderStore store,
        IOptions<StreamOptions> options, StreamMetrics metrics, TimeProvider time, IHostApplicationLifetime lifetime,
        string? since, string? symbol, string? order_id, string? trader_id)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return Problems.Single(400, ReasonCodes.WebsocketRequired, "Not a WebSocket request",
                "This address speaks WebSocket only.",
                "Connect with a WebSocket client to ws://host/ws/orders/events, or poll GET /api/v1/events.");
        var (filter, after, problem) = ParseFilter(Caller.From(http.User), since, symbol, order_id, trader_id);
        if (problem is not null) return problem;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping,
            http.RequestAborted);
        await new StreamSession(socket, filter!, after, hub, store, options.Value, metrics, time)
            .RunAsync(stopping.Token);
        return Results.Empty;
    }

    private static (StreamFilter?, long?, IResult?) ParseFilter(Caller caller, string? since, string? symbol,
        string? orderId, string? traderId)
    {
        var errors = new List<RuleViolation>();
        long? after = null;
        if (since is not null && long.TryParse(since, out var s) && s >= 0) after = s;
        else if (since is not null)
            errors.Add(new("since", ReasonCodes.SinceInvalid, $"'{since}' is not a sequence number.",
                "Use the seq of the last event you processed, or 0 for everything."));
        Symbol? sym = null;
        if (symbol is not null && Symbol.TryCreate(symbol, out var parsedSymbol)) sym = parsedSymbol;
        else if (symbol is not null)
            errors.Add(new("symbol", ReasonCodes.SymbolInvalid, $"'{symbol}' is not a valid symbol.",
                "Use a ticker such as AAPL."));
        OrderId? order = null;
        if (orderId is not null && OrderId.TryParse(orderId, out var parsedOrder)) order = parsedOrder;
        else if (orderId is not null)
            errors.Add(new("order_id", ReasonCodes.OrderIdInvalid, $"'{orderId}' is not an order id.",
                "Use the id returned when the order was submitted."));
        // Traders always get their own events; compliance picks one trader, or everyone (live only).
        var trader = caller.IsCompliance ? (traderId is null ? (TraderId?)null : new TraderId(traderId)) : caller.Id;
        if (trader is null && after is not null)
            errors.Add(new("since", ReasonCodes.TraderIdRequired,
                "Replay with since needs one trader: sequence numbers are per trader.",
                "Add trader_id=<trader> to replay one trader, or drop since to watch everyone live."));
        return errors.Count > 0 ? (null, null, Problems.Invalid(errors))
            : (new StreamFilter(trader, sym, order), after, null);
    }

    private static async Task PollAsync(HttpContext http, EventHub hub, IOrderStore store,
        IOptions<StreamOptions> options, long? after, int? limit, int? wait, string? trader_id, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        TraderId? trader = caller.IsCompliance ? (trader_id is null ? null : new TraderId(trader_id)) : caller.Id;
        var problem = trader is null
            ? Problems.Single(400, ReasonCodes.TraderIdRequired, "Which trader?",
                "Polling reads one trader's sequence.", "Add trader_id=<trader>.", "trader_id")
            : after is < 0 || limit is < 1 or > MaxPollLimit || wait is < 0
                ? Problems.Single(400, ReasonCodes.PollParametersInvalid, "Bad polling parameters",
                    $"after must be ≥ 0, limit 1–{MaxPollLimit}, wait ≥ 0 seconds.",
                    "Use e.g. ?after=42&limit=100&wait=30.")
                : null;
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        var events = await LongPollAsync(hub, store, trader!.Value, after ?? 0, limit ?? 100,
            TimeSpan.FromSeconds(Math.Min(wait ?? 0, options.Value.StatusUpdateTimeoutSeconds)), ct);
        await WritePageAsync(http, events, after ?? 0);
    }

    // The store answers; the hub only says when asking again is worthwhile. Subscribing before the
    // first query means an event committed in between still wakes the request.
    private static async Task<IReadOnlyList<OrderEvent>> LongPollAsync(EventHub hub, IOrderStore store, TraderId trader,
        long after, int limit, TimeSpan wait, CancellationToken ct)
    {
        using var wake = hub.Subscribe(new StreamFilter(trader), 1);
        var events = await store.GetEventsAsync(trader, after, limit, ct);
        if (events.Count > 0 || wait <= TimeSpan.Zero) return events;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try { await wake.Reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return events; }
        return await store.GetEventsAsync(trader, after, limit, ct);
    }

    private static async Task WritePageAsync(HttpContext http, IReadOnlyList<OrderEvent> events, long after)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(http.Response.BodyWriter);
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var e in events) OrderEventJson.Write(w, e);
        w.WriteEndArray();
        w.WriteNumber("last_seq", events.Count > 0 ? events[^1].Seq : after);
        w.WriteEndObject();
        await w.FlushAsync();
    }
}
