// Wiring of FIX venues (docs/fix.md): each value under Fillmore:Venues is one session's connection
// string (FILLMORE_VENUE_FIX sets Fillmore:Venues:FIX), parsed when the host is built, so a wrong one
// stops the start with its reason. The one under FIX (else the first) is the primary venue; the
// others are venues beside it (FixVenues, docs/routing.md), each with its own session state in the
// order store (IFixSessionStore, keyed by session id, so two sessions must not share one). Their
// quotes come from Fillmore:MarketData: the paper exchange's quote board (the default in
// Development) or a reference-price file; anywhere else the source must be chosen, since without
// quotes every order would be refused.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;
using Fillmore.Venues.MarketData;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Options;

public static class FixVenueServices
{
    public static bool Configured(IConfiguration fillmore) => Venues(fillmore).Count > 0;

    public static void AddFixVenue(this IServiceCollection services, IConfiguration fillmore, IConfiguration root)
    {
        var settings = Sessions(fillmore);
        services.AddSingleton(settings[0]);
        services.AddSingleton<FixMetrics>();
        services.AddSingleton(sp => Start(sp, settings[0]));
        services.AddSingleton<IVenue>(sp => sp.GetRequiredService<FixVenue>());
        services.AddSingleton(sp => new FixVenues(settings.Skip(1).Select(s => Start(sp, s)).ToList()));
        services.AddHostedService<FixVenueStartup>();   // before the engine's: logged on (bounded) before recovery
        AddMarketData(services, fillmore.GetSection("MarketData"), root[HostDefaults.EnvironmentKey]);
    }

    private static void AddMarketData(IServiceCollection services, IConfiguration section, string? environment)
    {
        var options = section.Get<MarketDataOptions>() ?? new MarketDataOptions();
        var development = string.Equals(environment, Environments.Development, StringComparison.OrdinalIgnoreCase);
        switch (options.Source?.Trim().ToLowerInvariant() ?? (development ? MarketDataOptions.Paper : null))
        {
            case MarketDataOptions.Paper:
                services.AddSingleton(sp =>
                    new SimulatedVenue(sp.GetRequiredService<IOptions<SimulatedVenueOptions>>().Value,
                    sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IMarketData>(sp => sp.GetRequiredService<SimulatedVenue>());
                break;
            case MarketDataOptions.File when string.IsNullOrWhiteSpace(options.Path):
                throw Problem("FILLMORE_MARKET_DATA=file needs FILLMORE_REFERENCE_PRICES: " +
                    "the path of a .csv or .json file " +
                    "with symbol, bid, ask, last.");
            case MarketDataOptions.File:
                services.AddSingleton<IMarketData>(sp => new ReferencePriceFile(
                    options, sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<ReferencePriceFile>>()));
                break;
            case null:
                throw Problem("A FIX venue sends no quotes, and orders are refused without them. " +
                    "Set FILLMORE_MARKET_DATA=file with FILLMORE_REFERENCE_PRICES=<prices.csv|json>, " +
                    "or FILLMORE_MARKET_DATA=paper for simulated quotes " +
                    "(the default in Development).");
            default:
                throw Problem($"FILLMORE_MARKET_DATA='{options.Source}' is not a source; use paper or file.");
        }
    }

    private static FixVenue Start(IServiceProvider sp, FixSessionSettings settings)
    {
        var store = sp.GetRequiredService<IOrderStore>() as IFixSessionStore
            ?? throw Problem("The configured store cannot keep FIX session state.");
        var venue = new FixVenue(settings, store, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>());
        sp.GetRequiredService<FixMetrics>().Track(venue);
        return venue;
    }

    /// <summary>Every configured session, the primary first; refused when two share a name or a session id
    /// (their sequence numbers and stored messages would be one session's).</summary>
    private static List<FixSessionSettings> Sessions(IConfiguration fillmore)
    {
        var sections = Venues(fillmore).OrderBy(c => c.Key == "FIX" ? 0 : 1).ToList();
        var sessions = new List<FixSessionSettings>();
        foreach (var section in sections)
        {
            var source = section.Key == "FIX" ? "FILLMORE_VENUE_FIX" : section.Path;
            try { sessions.Add(FixSessionSettings.Parse(section.Value!, source)); }
            catch (FormatException ex) { throw Problem(ex.Message); }
        }
        foreach (var group in sessions.GroupBy(s => s.VenueName, StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1))
            throw Problem($"{group.Count()} FIX sessions are named '{group.Key}': give each its own name= " +
                "(the venue's name on orders and fills).");
        foreach (var group in sessions.GroupBy(s => s.SessionId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw Problem($"{group.Count()} FIX sessions are {group.Key}: each needs its own sender/target pair, " +
                "since a session's sequence numbers and stored messages are kept under that id.");
        return sessions;
    }

    private static List<IConfigurationSection> Venues(IConfiguration fillmore) =>
        fillmore.GetSection("Venues").GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToList();

    private static OptionsValidationException Problem(string message) =>
        new("Fillmore:Venues", typeof(FixSessionSettings), [message]);
}
