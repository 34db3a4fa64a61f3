// FILLMORE_VENUE_FIX and the market data beside it, as the host starts: a wrong connection string
// or no quote source outside Development stops the start with the reason; quotes from a
// reference-price file price orders, and a symbol missing from it or a stale quote is denied with
// the existing codes before anything is sent. No acceptor is needed: nothing here reaches a venue
// (the session points at a port nobody listens on).
namespace Fillmore.Api.Tests;

using System.Net;
using Fillmore.Venues.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

public sealed class FixConfigurationTests : IDisposable
{
    private readonly List<FillmoreFactory> _factories = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-fix-config-").FullName;

    private FillmoreFactory Service(string connection, string? source = null, string? prices = null,
        string? environment = null)
    {
        var factory = new FillmoreFactory { TestServices = services => services.AddSingleton(TimeProvider.System) };
        factory.Settings["Fillmore:Venues:FIX"] = connection;
        if (source is not null) factory.Settings["Fillmore:MarketData:Source"] = source;
        if (prices is not null) factory.Settings["Fillmore:MarketData:Path"] = prices;
        if (environment is not null) factory.Settings[WebHostDefaults.EnvironmentKey] = environment;
        _factories.Add(factory);
        return factory;
    }

    private static string Nowhere(string extra = "") =>
        $"host=127.0.0.1;port={Probe
            .FreePort()};sender=CLIENT1;target=EXECUTOR;profile=executor;logontimeout=0.2{extra}";

    [Theory]
    [InlineData("host=127.0.0.1;port=5001;sender=CLIENT1", "'target' is missing")]
    [InlineData("host=127.0.0.1;port=5001;sender=CLIENT1;target=EXECUTOR;version=FIX.4.3",
        "'version=FIX.4.3' is not supported")]
    public void A_wrong_connection_string_stops_the_start_with_its_reason(string connection, string reason)
    {
        var error = Assert.ThrowsAny<Exception>(() => Service(connection).CreateClient());

        Assert.Contains(reason, Messages(error));
        Assert.Contains("FILLMORE_VENUE_FIX is not a valid FIX connection string", Messages(error));
    }

    [Theory]
    [InlineData("profile=", "name=OTHER;profile=",
        "2 FIX sessions are FIX.4.4:CLIENT1->EXECUTOR: each needs its own sender/target pair")]
    [InlineData("sender=CLIENT1", "sender=CLIENT2", "2 FIX sessions are named 'EXECUTOR': give each its own name=")]
    public void Two_sessions_sharing_a_session_id_or_a_name_stop_the_start(string from, string to, string reason)
    {
        var service = Service(Nowhere());
        service.Settings["Fillmore:Venues:SECOND"] = Nowhere().Replace(from, to, StringComparison.Ordinal);

        Assert.Contains(reason, Messages(Assert.ThrowsAny<Exception>(() => service.CreateClient())));
    }

    [Fact]
    public void Outside_Development_a_FIX_venue_needs_a_quote_source()
    {
        var error = Assert.ThrowsAny<Exception>(() => Service(Nowhere(), environment: "Production").CreateClient());

        Assert.Contains("A FIX venue sends no quotes", Messages(error));
    }

    [Fact]
    public async Task Quotes_from_a_reference_file_price_orders_and_missing_or_stale_ones_deny_them()
    {
        var stale = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        var prices = Path.Combine(_dir, "prices.csv");
        await File.WriteAllTextAsync(prices,
            $"symbol,bid,ask,last,timestamp\nAAPL,189.9,190.1,190,\nMSFT,419,421,420,{stale}\n");
        var alice = Service(Nowhere(), source: "file", prices: prices).ClientFor(FillmoreFactory.Alice);

        var priced = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT",
            price = 190m });
        var unknown = await alice.SubmitAsync(new { symbol = "TSLA", side = "BUY", quantity = 1, order_type = "LIMIT",
            price = 250m });
        var old = await alice.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 1, order_type = "LIMIT",
            price = 420m });

        Assert.Equal(HttpStatusCode.Created, priced.StatusCode);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "UNKNOWN_SYMBOL"), (unknown.StatusCode,
            (await unknown.JsonAsync()).Str("code")));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "NO_QUOTE_AVAILABLE"), (old.StatusCode,
            (await old.JsonAsync()).Str("code")));
    }

    private static string Messages(Exception error)
    {
        var all = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException) all.Add(e.Message);
        if (error is AggregateException aggregate) all.AddRange(aggregate.InnerExceptions.Select(e => e.Message));
        return string.Join(" | ", all);
    }

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
