// The simulator's outcome of a request, turned into the HTTP answer a real exchange would give,
// so that RemoteVenue's classifier sees the genuine article and maps it back to the same outcome:
//   Confirmed → 200 WireAccepted          Rejected  → 422 {code, reason}
//   Retryable → 429 + Retry-After          Fatal     → 403 {code, reason}
//   Unknown, request or response lost → the connection is dropped without an answer
//   any other Unknown (the 503 fault)  → 503 {code, reason}
namespace Fillmore.Exchange;

using Fillmore.Core;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;

internal static class OutcomeResponses
{
    private static readonly HashSet<string> LostOnTheWire = [ReasonCodes.RequestLost, ReasonCodes.ResponseLost];

    public static IResult For(VenueOutcome outcome, Guid clientOrderId, HttpContext http) => outcome switch
    {
        VenueOutcome.Confirmed c => TypedResults.Ok(new WireAccepted(clientOrderId, c.VenueTime)),
        VenueOutcome.Rejected r => TypedResults.Json(new WireError(r.Code, r.Reason),
            statusCode: StatusCodes.Status422UnprocessableEntity),
        VenueOutcome.Retryable r => Throttled(r, http),
        VenueOutcome.Unknown u when LostOnTheWire.Contains(u.Code) => Dropped(http),
        VenueOutcome.Unknown u => TypedResults.Json(new WireError(u.Code, u.Reason),
            statusCode: StatusCodes.Status503ServiceUnavailable),
        VenueOutcome.Fatal f => TypedResults.Json(new WireError(f.Code, f.Reason),
            statusCode: StatusCodes.Status403Forbidden),
        _ => throw new InvalidOperationException($"unhandled outcome {outcome}"),
    };

    private static IResult Throttled(VenueOutcome.Retryable r, HttpContext http)
    {
        var seconds = (long)Math.Ceiling((r.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds);
        http.Response.Headers.RetryAfter = Math.Max(1, seconds)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(new WireError(r.Code, r.Reason), statusCode: StatusCodes.Status429TooManyRequests);
    }

    // The client gets no status line at all: a genuine "may or may not have been processed".
    private static IResult Dropped(HttpContext http)
    {
        http.Abort();
        return TypedResults.Empty;
    }
}
