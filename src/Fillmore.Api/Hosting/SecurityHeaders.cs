// Headers on every answer that tell a browser to treat Fillmore's answers as data, never as a page
// to render, frame, sniff or cache: Fillmore serves JSON, CSV and PDF to programs, and a browser
// that opens an answer by mistake must not run or keep it. The API reference (/docs) is the one
// page: it keeps its scripts (no Content-Security-Policy there). Cross-origin reads (CORS) are off
// unless Fillmore:Cors:Origins names the origins allowed (CorsSetup).
namespace Fillmore.Api.Hosting;

public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Set as the answer starts: an error page written after the exception handler cleared the headers gets them
        // too.
        context.Response.OnStarting(() =>
        {
            Add(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void Add(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/docs"))
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        // Answers carry orders, positions and keys (a created key is in its answer once): no cache keeps them.
        if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
    }
}
