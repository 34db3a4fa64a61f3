// Refuses /v1 requests without the configured API key (401 with a WireError body), compared in
// fixed time. /health stays open for probes.
namespace Fillmore.Exchange;

using System.Security.Cryptography;
using System.Text;
using Fillmore.Core;
using Fillmore.Venues.Remote;
using Fillmore.Venues.Remote.Wire;

internal static class ApiKeyGate
{
    public static Func<HttpContext, RequestDelegate, Task> Create(ExchangeAccessOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKey)) return (context, next) => next(context);
        var expected = Encoding.UTF8.GetBytes(options.ApiKey);
        return (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/v1")
                || Matches(context.Request.Headers[RemoteVenue.ApiKeyHeader].ToString(), expected))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsJsonAsync(new WireError(ReasonCodes.Unauthorized,
                $"The exchange needs its API key in {RemoteVenue.ApiKeyHeader}."));
        };
    }

    private static bool Matches(string presented, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
