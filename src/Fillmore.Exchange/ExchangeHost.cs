// Fillmore.Exchange: ONE paper exchange (a SimulatedVenue) served to every Fillmore node over the
// network, so that the nodes share one book and any node can look up another node's orders.
//   dotnet Fillmore.Exchange.dll --urls http://127.0.0.1:5080 [--Exchange:Seed 42] [--Exchange:ApiKey k]
// Configuration section "Exchange" has the shape of SimulatedVenueOptions (Seed, Latency,
// PartialFills, Faults, Instruments, ...) plus ApiKey; environment variables work too
// (Exchange__Seed=42). No appsettings*.json is read, even one lying in the working directory
// (Fillmore.Api's sets Urls to its own port): the defaults live in the options classes, and the
// address is --urls (default http://127.0.0.1:5070); an https:// one is served with Kestrel's standard
// certificate settings (--Kestrel:Certificates:Default:Path and KeyPath), its reports then over wss://.
// Build is separate from Main so that tests run the real thing in process on a free port.
namespace Fillmore.Exchange;

using Fillmore.Venues.Remote.Wire;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

public static class ExchangeHost
{
    public const string DefaultUrl = "http://127.0.0.1:5070";

    public static async Task<int> Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The exchange, configured and mapped but not started. <paramref name="time"/> defaults to the system
    /// clock.</summary>
    public static WebApplication Build(string[] args, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        foreach (var file in builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList())
            builder.Configuration.Sources.Remove(file);
        builder.WebHost.UseKestrelHttpsConfiguration();    // the slim builder leaves HTTPS out
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var section = builder.Configuration.GetSection("Exchange");
        builder.Services.AddOptions<SimulatedVenueOptions>().Bind(section);
        builder.Services.AddOptions<ExchangeAccessOptions>().Bind(section);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(sp =>
            new SimulatedVenue(sp.GetRequiredService<IOptions<SimulatedVenueOptions>>().Value,
                sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ReportBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportBroadcaster>());
        builder.Services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(5),
            KeepAliveTimeout = TimeSpan.FromSeconds(15) });
        app.Use(ApiKeyGate.Create(app.Services.GetRequiredService<IOptions<ExchangeAccessOptions>>().Value));
        app.MapGet("/health", () => TypedResults.Text("ok"));
        app.MapOrderEndpoints();
        app.MapMarketEndpoints();
        app.MapReportEndpoint();
        app.MapAdminEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    private static void LogStarted(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SimulatedVenueOptions>>().Value;
        app.Logger.LogInformation("Paper exchange {Name} (seed {Seed}) listening on {Urls}.", options.Name,
            options.Seed, string.Join(", ", app.Urls));
    }
}
