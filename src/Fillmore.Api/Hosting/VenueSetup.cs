// Several venues at once (docs/routing.md). The venue the configuration has always named (the paper
// exchange, FILLMORE_VENUE_URL, FILLMORE_VENUE_FIX) is the primary; Fillmore:Venues:Paper adds
// in-process paper exchanges beside it, each with its own quotes, and Fillmore:Venues:Exchange exchange
// processes (src/Fillmore.Exchange) over the network, which several nodes can share; further FIX sessions are
// further values under Fillmore:Venues (FixVenueServices), quoted by the primary's market data (a FIX session
// sends no quotes). Every venue may have a fee
// schedule (Fillmore:Venues:Fees:{name}). With more than one venue, risk and held orders see the best bid and
// ask across them (ConsolidatedQuotes) and the SMART router compares each venue's own.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Execution;
using Fillmore.Core.Ports;
using Fillmore.Core.Routing;
using Fillmore.Venues.MarketData;
using Fillmore.Venues.Remote;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Options;

public static class VenueSetup
{
    private const string PrimaryMarket = "primary";

    public static void AddVenueSet(this IServiceCollection services, IConfiguration fillmore, bool clustered)
    {
        var paper = fillmore.GetSection("Venues:Paper").GetChildren().Select(c =>
        {
            var options = new SimulatedVenueOptions();
            c.Bind(options);
            return options;
        }).ToList();
        var exchanges = fillmore.GetSection("Venues:Exchange").GetChildren().Select(c =>
        {
            var options = new RemoteVenueOptions();
            c.Bind(options);
            return options;
        }).ToList();
        var fees = fillmore.GetSection("Venues:Fees").GetChildren()
            .ToDictionary(c => c.Key, c => c.Get<FeeSchedule>() ?? FeeSchedule.None, StringComparer.Ordinal);
        Check(paper, exchanges, fees, clustered);
        services.AddSingleton(new VenueFees(fees));
        services.AddSingleton(sp => new PaperVenues(paper
            .Select(o => new SimulatedVenue(o, sp.GetRequiredService<TimeProvider>())).ToList()));
        services.AddSingleton(sp => new ExchangeVenues(exchanges.Select(o => new RemoteVenue(o,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>())).ToList()));
        services.AddSingleton(sp => new VenueSet([sp.GetRequiredService<IVenue>(),
            .. sp.GetRequiredService<PaperVenues>().All, .. sp.GetRequiredService<ExchangeVenues>().All,
            .. Fix(sp).All]));
        if (paper.Count + exchanges.Count > 0)
        {
            var primary = services.Last(d => d.ServiceType == typeof(IMarketData) && !d.IsKeyedService);
            services.Remove(primary);
            services.AddKeyedSingleton(PrimaryMarket, (sp, _) => (IMarketData)(primary.ImplementationInstance
                ?? primary.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, primary.ImplementationType!)));
            services.AddSingleton<IMarketData>(sp => new ConsolidatedQuotes(
                [sp.GetRequiredKeyedService<IMarketData>(PrimaryMarket), .. sp.GetRequiredService<PaperVenues>().All,
                    .. sp.GetRequiredService<ExchangeVenues>().All]));
        }
        services.AddSingleton(sp => new VenueQuotes(QuotesByVenue(sp, paper.Count + exchanges.Count > 0)));
        services.AddOptions<RoutingOptions>().Bind(fillmore.GetSection("Routing"))
            .Validate(o => o.StaleQuoteAfter > TimeSpan.Zero && o.RejectWindow > TimeSpan.Zero && o.RejectLimit > 0,
                "Fillmore:Routing: StaleQuoteAfter and RejectWindow must be positive, RejectLimit at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RoutingOptions>>().Value);
        services.AddSingleton<VenueRejects>();
        services.AddSingleton<IVenueBoard>(sp => new VenueBoard(sp.GetRequiredService<VenueSet>(),
            sp.GetRequiredService<VenueQuotes>().For, sp.GetRequiredService<VenueFees>().For,
            sp.GetRequiredService<Fillmore.Core.Risk.TradingControls>(), sp.GetRequiredService<VenueRejects>(),
            sp.GetRequiredService<RoutingOptions>()));
    }

    private static FixVenues Fix(IServiceProvider sp) => sp.GetService<FixVenues>() ?? FixVenues.None;

    private static Dictionary<string, IMarketData> QuotesByVenue(IServiceProvider sp, bool several)
    {
        var venues = sp.GetRequiredService<VenueSet>();
        var primary = several ? sp.GetRequiredKeyedService<IMarketData>(PrimaryMarket)
            : sp.GetRequiredService<IMarketData>();
        var quotes = new Dictionary<string, IMarketData>(StringComparer.Ordinal) { [venues.Primary.Name] = primary };
        foreach (var paper in sp.GetRequiredService<PaperVenues>().All) quotes[paper.Name] = paper;
        foreach (var exchange in sp.GetRequiredService<ExchangeVenues>().All) quotes[exchange.Name] = exchange;
        foreach (var session in Fix(sp).All) quotes[session.Name] = primary;
        return quotes;
    }

    private static void Check(List<SimulatedVenueOptions> paper, List<RemoteVenueOptions> exchanges,
        Dictionary<string, FeeSchedule> fees, bool clustered)
    {
        var problems = new List<string>();
        if (clustered && paper.Count > 0)
            problems.Add("Fillmore:Venues:Paper venues keep their books in this process; several nodes cannot share "
                + "them. Use exchange processes (FILLMORE_VENUE_URL) with FILLMORE_REDIS.");
        foreach (var exchange in exchanges)
            if (exchange.Problem() is { } problem)
                problems.Add($"Fillmore:Venues:Exchange ({exchange.Name}): {problem}");
        foreach (var name in paper.Select(p => p.Name).Concat(exchanges.Select(e => e.Name)))
            if (string.IsNullOrWhiteSpace(name) || name.Length > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c)
                    || c is '-' or '_' or '.'))
                problems.Add($"Fillmore:Venues: '{name}' is not a venue name (1-32 letters, digits, - _ .).");
            else if (string.Equals(name, SmartRouter.Smart, StringComparison.OrdinalIgnoreCase))
                problems.Add("Fillmore:Venues: SMART is the router's name, not a venue's.");
        foreach (var (name, schedule) in fees)
            if (schedule.Problem() is { } problem) problems.Add($"Fillmore:Venues:Fees:{name}: {problem}.");
        if (problems.Count > 0) throw new OptionsValidationException("Fillmore:Venues", typeof(VenueSet), problems);
    }
}
