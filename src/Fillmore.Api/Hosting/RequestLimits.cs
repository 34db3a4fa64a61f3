// How big a request may be, answered as problems rather than by a dropped connection: a query
// string over MaxQueryBytes is 414 QUERY_TOO_LONG, headers over MaxHeaderBytes 431
// HEADERS_TOO_LARGE, a body over MaxBodyBytes 413 BODY_TOO_LARGE (announced by Content-Length here;
// a chunked one where it is read, JsonBody). Fillmore's requests are a few hundred bytes: the limits
// are far above any real one and far below what would cost memory. Kestrel's own limits sit above
// these (ConfigureKestrel), so that these answer first; past Kestrel's, it answers a bare status
// itself. Kestrel's timeouts against slow clients are set here too (docs/api.md, Limits).
namespace Fillmore.Api.Hosting;

using Fillmore.Api.Errors;
using Fillmore.Core;
using Microsoft.AspNetCore.Http.Features;

public sealed class RequestLimits(RequestDelegate next)
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxHeaderBytes = 16 * 1024;
    public const int MaxQueryBytes = 4 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.Value is { Length: > MaxQueryBytes } query)
            return Problems.WriteAsync(context, Problems.Body(414, ReasonCodes.QueryTooLong, "Query string too long",
                $"The query string has {query.Length} characters; at most {MaxQueryBytes} are read.",
                "Send fewer or shorter parameters; filters take one value each."));
        var headerBytes = request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
        if (headerBytes > MaxHeaderBytes)
            return Problems.WriteAsync(context, Problems.Body(431, ReasonCodes.HeadersTooLarge, "Headers too large",
                $"The request's headers have about {headerBytes} bytes; at most {MaxHeaderBytes} are read.",
                "Send only the headers the API reference names (X-API-Key or Authorization, Content-Type, "
                    + "Idempotency-Key)."));
        if (request.ContentLength > MaxBodyBytes) return Problems.WriteAsync(context, BodyTooLarge());
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            body.MaxRequestBodySize = MaxBodyBytes;
        return next(context);
    }

    public static ProblemBody BodyTooLarge() => Problems.Body(413, ReasonCodes.BodyTooLarge, "Request body too large",
        $"The request body is larger than {MaxBodyBytes} bytes.",
        "Send one order (or one setting) per request; bodies are a few hundred bytes.");

    /// <summary>Kestrel's limits: above this middleware's (so that it answers), and the timeouts against slow
    /// clients.</summary>
    public static void ConfigureKestrel(WebApplicationBuilder builder) => builder.WebHost.ConfigureKestrel(k =>
    {
        k.Limits.MaxRequestBodySize = MaxBodyBytes;
        k.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
        k.Limits.MaxRequestLineSize = 4 * MaxQueryBytes;
        k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(130);
        k.Limits.MinRequestBodyDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        k.Limits.MinResponseDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    });
}
