// What the host adds for people watching it, beside /metrics (FillmoreServices): the open-orders
// gauge, and traces. Traces (the engine's ActivitySource "Fillmore" and ASP.NET Core's requests) are
// exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (environment or configuration);
// the exporter reads its other OTEL_* settings (protocol, headers, batch delay) itself. Unset, no
// tracer is registered at all: nobody listens to the source, so the engine starts no span and
// keeps no context (a tracer without an exporter would record every span only to drop it).
namespace Fillmore.Api.Observability;

using Fillmore.Core.Execution;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

public static class ObservabilityServices
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "OTEL_SERVICE_NAME";

    public static IServiceCollection AddFillmoreObservability(this IServiceCollection services,
        IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection("Fillmore:Metrics"))
            .Validate(o => o.OpenOrdersInterval > TimeSpan.Zero,
                "Fillmore:Metrics:OpenOrdersInterval must be a positive time span such as 00:00:05.")
            .ValidateOnStart();
        services.AddSingleton<OpenOrdersGauge>();
        services.AddHostedService(sp => sp.GetRequiredService<OpenOrdersGauge>());
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpoint])) return services;
        var name = configuration[ServiceName] is { Length: > 0 } configured ? configured : "fillmore";
        services.AddOpenTelemetry().WithTracing(tracing => tracing
            .ConfigureResource(resource => resource.AddService(name))
            .AddSource(EngineTracing.SourceName)
            // Scrapes and probes are not what anyone traces.
            .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health"))
            .AddOtlpExporter());
        return services;
    }
}
