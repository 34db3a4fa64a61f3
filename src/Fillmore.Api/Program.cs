// Fillmore's HTTP host: wiring only. The engine lives in Fillmore.Core; storage and venues in
// their own projects. Environment variables named in the README are mapped onto configuration
// here, so every setting has one place in the options classes. `verify-audit` as the first
// argument runs that command instead of the service (Hosting/VerifyAuditCommand).
using Fillmore.Api.Contracts;
using Fillmore.Api.Endpoints;
using Fillmore.Api.Errors;
using Fillmore.Api.Hosting;
using Fillmore.Api.Observability;
using Fillmore.Core;
using Scalar.AspNetCore;

if (args is [VerifyAuditCommand.Name, .. var commandArgs])
    return await VerifyAuditCommand.RunAsync(commandArgs, Console.Out, Console.Error, TimeProvider.System);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings*.json ship next to the binary; data paths stay relative to where it is run.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddFillmoreEnvironmentVariables();
// One JSON object per line: the order.* lifecycle events (OrderLifecycleLog) carry their fields in "State".
builder.Logging.AddJsonConsole(o =>
{
    o.UseUtcTimestamp = true;
    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
});
builder.Services.AddFillmore(builder.Configuration);
builder.Services.AddFillmoreObservability(builder.Configuration);
var tls = TlsSetup.Configure(builder);
RequestLimits.ConfigureKestrel(builder);
var cors = CorsSetup.Configure(builder.Services, builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
    // Numbers are JSON numbers (JsonBody refuses "10"): the OpenAPI document then says so too.
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, FillmoreJsonContext.Web);
});
builder.Services.AddOrderRateLimiting();
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();

var app = builder.Build();
// Gauges read when /metrics is scraped: made once at start, so they are there before anyone asks for them.
app.Services.GetRequiredService<VenueMetrics>();
app.UseExceptionHandler(errors => errors.Run(context => Problems.WriteAsync(context,
    Problems.Body(500, ReasonCodes.InternalError, "Something went wrong on our side",
        "Fillmore could not finish the request. Nothing was lost: an order accepted earlier is safe in the store.",
        "Retry with the same client_order_id; it cannot create a duplicate."))));
app.UseStatusCodePages(context =>
    context.HttpContext.Response.HasStarted || context.HttpContext.Response.ContentLength > 0
    ? Task.CompletedTask
    : Problems.WriteAsync(context.HttpContext, StatusProblems.For(context.HttpContext.Response.StatusCode)));
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<RequestLimits>();
if (tls) app.UseHsts();
if (cors) app.UseCors(CorsSetup.Policy);
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseMiddleware<Fillmore.Api.Auth.AuthThrottleMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseQueryGuard();
app.UseRateLimiter();

// Only the one document there is: another name is a ROUTE_NOT_FOUND problem, not the framework's plain-text 404.
app.MapOpenApi("/openapi/v1.json");
app.MapScalarApiReference("/docs/api");
app.MapOrderEndpoints();
app.MapHealthEndpoints();
app.MapOperationsEndpoints();
app.MapGhostEndpoints();
app.MapAccountEndpoints();
app.MapApiKeyEndpoints();
app.MapEncryptionEndpoints();
app.MapVenueEndpoints();
app.MapRoutingEndpoints();
app.MapStreamEndpoints();
app.MapAuditEndpoints();
app.MapReportEndpoints();
app.MapMetricsEndpoints();
app.MapPrometheusScrapingEndpoint("/metrics");

app.Run();
return 0;

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
