// Classifies every answer of the exchange, and every way of not getting one, into the engine's
// VenueOutcome (ARCHITECTURE §5). The rule that keeps orders single: Retryable only when the
// request provably never reached the exchange (connection refused, name not resolved, TLS
// failed, 429); anything that may have been processed (timeout, reset after sending, 5xx,
// an unreadable 200) is Unknown, so the engine asks before it re-sends.
namespace Fillmore.Venues.Remote;

using System.Net;
using System.Text.Json;
using Fillmore.Core;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;

internal static class HttpOutcomes
{
    public static async Task<VenueOutcome> FromResponseAsync(HttpResponseMessage response, DateTimeOffset now,
        CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var accepted = await ReadAsync<WireAccepted>(response, ct).ConfigureAwait(false);
            return accepted is { VenueTime: var at } && at != default
                ? new VenueOutcome.Confirmed(at)
                : new VenueOutcome.Unknown(ReasonCodes.MalformedResponse,
                    "The exchange answered 2xx without a readable acknowledgement.");
        }
        var error = await ReadAsync<WireError>(response, ct).ConfigureAwait(false);
        var code = string.IsNullOrWhiteSpace(error?.Code) ? ReasonCodes.HttpStatus(status) : error.Code;
        var reason = string.IsNullOrWhiteSpace(error?.Reason) ? $"{status} {response.ReasonPhrase}" : error.Reason;
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict
                or HttpStatusCode.UnprocessableEntity => new VenueOutcome.Rejected(code, reason),
            HttpStatusCode.TooManyRequests => new VenueOutcome.Retryable(code, reason, RetryAfter(response, now)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new VenueOutcome.Fatal(code, reason),
            // A missing route or method is a wrong address or a different protocol: nothing was processed, and retrying
            // cannot help.
            HttpStatusCode.NotFound
                or HttpStatusCode.MethodNotAllowed => new VenueOutcome.Fatal(ReasonCodes.VenueProtocolMismatch,
                    $"{reason} (is Fillmore:Venue:Url the exchange?)"),
            // 5xx, 408 and anything unexpected: it may have been processed
            _ => new VenueOutcome.Unknown(code, reason),
        };
    }

    public static VenueOutcome FromFailure(Exception failure, bool timedOut) => failure switch
    {
        HttpRequestException h when NeverSent(h) => new VenueOutcome.Retryable(ReasonCodes.VenueUnreachable,
            $"The exchange could not be reached: {h.Message}", null),
        OperationCanceledException when timedOut => new VenueOutcome.Unknown(ReasonCodes.VenueTimeout,
            "The exchange did not answer in time; it may or may not have acted."),
        HttpRequestException
            or IOException => new VenueOutcome.Unknown(ReasonCodes.ConnectionLost,
                $"The connection to the exchange failed after sending: {failure.Message}"),
        JsonException or FormatException
            or ArgumentException => new VenueOutcome.Unknown(ReasonCodes.MalformedResponse,
                $"The exchange's answer could not be read: {failure.Message}"),
        _ => new VenueOutcome.Unknown(ReasonCodes.VenueAdapterError, $"{failure.GetType().Name}: {failure.Message}"),
    };

    /// <summary>The connection was never established, so the exchange never saw the request.</summary>
    public static bool NeverSent(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError;

    public static TimeSpan? RetryAfter(HttpResponseMessage response,
        DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The body as T, or null when it is empty or not T (an error page from something that is not the
    /// exchange).</summary>
    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) where T : class
    {
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (body.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(body, WireJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
