// Cross-origin requests from browsers: off unless Fillmore:Cors:Origins lists the origins that may
// call the API (e.g. a trading front-end at https://desk.example.com). Without it no answer carries
// Access-Control-Allow-Origin, so a page elsewhere cannot read anything with a user's key; with it,
// only those origins, with the API's methods and headers, and never with cookies (Fillmore uses none).
namespace Fillmore.Api.Hosting;

public static class CorsSetup
{
    public const string Policy = "configured-origins";

    /// <returns>Whether CORS is on (some origin is configured).</returns>
    public static bool Configure(IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Fillmore:Cors:Origins").Get<string[]>() ?? [];
        origins = origins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
        if (origins.Length == 0) return false;
        services.AddCors(cors => cors.AddPolicy(Policy, p => p.WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("X-API-Key", "Authorization", "Content-Type", "Idempotency-Key")
            .WithExposedHeaders("Retry-After", "Location")));
        return true;
    }
}
