// GET /v1/reports: the WebSocket of execution reports (drop copy, see ReportBroadcaster).
namespace Fillmore.Exchange;

using Fillmore.Core;
using Fillmore.Venues.Remote.Wire;

internal static class ReportEndpoint
{
    public static void MapReportEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/reports", async (HttpContext http, ReportBroadcaster reports) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
                return (IResult)TypedResults.BadRequest(new WireError(ReasonCodes.WebsocketRequired,
                    "Open /v1/reports as a WebSocket."));
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await reports.ServeAsync(socket, http.RequestAborted);
            return TypedResults.Empty;
        });
}
