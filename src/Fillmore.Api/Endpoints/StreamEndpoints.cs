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
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Options;

public static class StreamEndpoints
{
    public const int MaxPollLimit = 1000;

    public static void MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        // GET for a WebSocket over HTTP/1.1, CONNECT for one over HTTP/2 (RFC 8441). Declaring the methods (instead
        // of Map, which takes any) also puts the route in the OpenAPI document, as its GET.
        app.MapMethods("/ws/orders/events", [HttpMethods.Get, HttpMethods.Connect], StreamAsync).ReadsQuery()
            .RequireAuthorization().WithTags("Streaming")
            .Produces(StatusCodes.Status101SwitchingProtocols).ProducesProblem(400).ProducesProblem(401)
            .WithSummary("WebSocket: every status change of your orders, live, with replay from ?since=<seq>")
            .WithDescription("Upgrade to a WebSocket (JSON text frames, one event per frame). Query: since (replay "
                + "after this seq, then live), symbol, order_id, trader_id (compliance; required with since), "
                + "access_token (for clients that cannot set headers). docs/streaming.md has the frames.");
        app.MapGet("/api/v1/events", PollAsync).ReadsQuery().RequireAuthorization().WithTags("Streaming")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(400)
            .WithSummary("Your order events after ?after=<seq>, optionally waiting up to ?wait=<seconds> for new ones");
    }

    private static async Task<IResult> StreamAsync(HttpContext http, EventHub hub, IOrderStore store,
        IOptions<StreamOptions> options, StreamMetrics metrics, TimeProvider time, IHostApplicationLifetime lifetime,
        string? since, string? symbol, string? order_id, string? trader_id)
    {
        // The query first: a WebSocket client sees only the status of a refused upgrade, so the same URL sent as
        // plain HTTP (curl) must show what is wrong with its query, not just that it is not a WebSocket.
        var (filter, after, problem) = ParseFilter(http, since, symbol, order_id, trader_id);
        if (problem is not null) return problem;
        if (!http.WebSockets.IsWebSocketRequest)
            return Problems.Single(400, ReasonCodes.WebsocketRequired, "Not a WebSocket request",
                "This address speaks WebSocket only.",
                "Connect with a WebSocket client to ws://host/ws/orders/events, or poll GET /api/v1/events.");
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping,
            http.RequestAborted);
        await new StreamSession(socket, filter!, after, hub, store, options.Value, metrics, time)
            .RunAsync(stopping.Token);
        return Results.Empty;
    }

    private static (StreamFilter?, long?, IResult?) ParseFilter(HttpContext http, string? since, string? symbol,
        string? orderId, string? traderId)
    {
        var caller = Caller.From(http.User);
        var p = new QueryParameters(http.Request, "since", "symbol", "order_id", "trader_id");
        var after = p.Whole("since", ReasonCodes.SinceInvalid, since, 0, long.MaxValue,
            "Use the seq of the last event you processed, or 0 for everything.");
        var sym = p.Symbol(symbol);
        var order = p.Order(orderId);
        // Traders always get their own events; compliance picks one trader, or everyone (live only).
        var trader = caller.IsCompliance ? p.Trader(traderId) : caller.Id;
        if (caller.IsCompliance && traderId is null && after is not null)
            p.Add("since", ReasonCodes.TraderIdRequired,
                "Replay with since needs one trader: sequence numbers are per trader.",
                "Add trader_id=<trader> to replay one trader, or drop since to watch everyone live.");
        return p.Problem is { } problem ? (null, null, problem) : (new StreamFilter(trader, sym, order), after, null);
    }

    // Every parameter is read as text (QueryParameters): "after=x" is a POLL_PARAMETERS_INVALID naming after, not a
    // bare 400; the answer keeps the code this route published, with one entry per bad parameter.
    private static async Task PollAsync(HttpContext http, EventHub hub, IOrderStore store,
        IOptions<StreamOptions> options, string? after, string? limit, string? wait, string? trader_id,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var p = new QueryParameters(http.Request, "after", "limit", "wait", "trader_id");
        var trader = caller.IsCompliance ? p.Trader(trader_id) : caller.Id;
        if (caller.IsCompliance && trader_id is null)
            p.Add("trader_id", ReasonCodes.TraderIdRequired, "Polling reads one trader's sequence.",
                "Add trader_id=<trader>.");
        var from = p.Whole("after", ReasonCodes.PollParametersInvalid, after, 0, long.MaxValue,
            "Use the last seq you processed, e.g. ?after=42, or 0 for everything.") ?? 0;
        var size = p.Whole("limit", ReasonCodes.PollParametersInvalid, limit, 1, MaxPollLimit,
            $"Use a limit of at most {MaxPollLimit}, e.g. ?after=42&limit=100.") ?? 100;
        var seconds = p.Whole("wait", ReasonCodes.PollParametersInvalid, wait, 0, long.MaxValue,
            $"Use whole seconds, e.g. ?wait=30 (at most {options.Value.StatusUpdateTimeoutSeconds} are waited).") ?? 0;
        var problem = p.ProblemAs(p.Errors.All(e => e.Code == ReasonCodes.TraderIdRequired)
            ? ReasonCodes.TraderIdRequired : ReasonCodes.PollParametersInvalid);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        var events = await LongPollAsync(hub, store, trader!.Value, from, (int)size,
            TimeSpan.FromSeconds(Math.Min(seconds, options.Value.StatusUpdateTimeoutSeconds)), ct);
        await WritePageAsync(http, events, from);
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
