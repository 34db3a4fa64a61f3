// A query string on a route that reads none is refused (UNKNOWN_FIELD, with the parameters named),
// never ignored: an instruction Fillmore would not carry out is not accepted. A route that reads
// its query says so (ReadsQuery) and checks its own parameters with QueryParameters, naming the ones
// it takes. Only the API's own routes are guarded (/api/v1 and the stream); access_token, the
// credentials of clients that cannot set headers, is allowed everywhere.
namespace Fillmore.Api.Endpoints;

public static class QueryGuard
{
    private sealed class ReadsQueryMarker;

    private static readonly ReadsQueryMarker Marker = new();

    /// <summary>This route reads query parameters and checks them itself (QueryParameters).</summary>
    public static TBuilder ReadsQuery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Marker);

    /// <summary>After routing and authentication: refuses a query string on an API route that reads none.</summary>
    public static void UseQueryGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (Refusal(context) is { } problem) await problem.ExecuteAsync(context);
        else await next(context);
    });

    private static IResult? Refusal(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.Request.QueryString.Value is not { Length: > 1 }
            || !(path.StartsWithSegments("/api/v1") || path.StartsWithSegments("/ws"))
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<ReadsQueryMarker>() is not null)
            return null;
        return new QueryParameters(context.Request).Problem;
    }
}
