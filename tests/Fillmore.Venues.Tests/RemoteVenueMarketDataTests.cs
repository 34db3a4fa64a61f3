// Market data through RemoteVenue: fetched from the exchange and answered from memory, moved by
// the exchange's prices, and failing closed once it is too old to trust.
namespace Fillmore.Venues.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote;
using Microsoft.Extensions.Time.Testing;

public sealed class RemoteVenueMarketDataTests
{
    private static readonly Symbol Aapl = Symbol.Of("AAPL");

    [Fact]
    public async Task Instruments_and_quotes_come_from_the_exchange_and_follow_its_prices()
    {
        await using var exchange = await ExchangeServer.StartAsync("QuoteInterval=01:00:00");   // only the admin moves prices
        await using var venue = await Probe.ConnectedAsync(exchange.Url);

        Assert.Equal(new Instrument(Aapl, "Apple Inc.", 0.01m, InstrumentStatus.Active), venue.FindInstrument(Aapl));
        Assert.Equal(InstrumentStatus.Halted, venue.FindInstrument(Symbol.Of("HALT"))!.Status);
        Assert.Null(venue.FindInstrument(Symbol.Of("ZZZZ")));
        Assert.Equal(10, venue.Instruments.Count);

        await exchange.SetPriceAsync("AAPL", 123.45m);
        await Probe.UntilAsync(() => venue.TryGetQuote(Aapl, out var q) && q.Last == 123.45m, "the quote poll to see the new price");
        Assert.True(venue.TryGetQuote(Aapl, out var quote));
        Assert.Equal((123.44m, 123.46m), (quote.Bid, quote.Ask));
    }

    [Fact]
    public async Task Quotes_go_stale_and_are_withheld_when_the_exchange_disappears_while_instruments_stay_known()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var exchange = await ExchangeServer.StartAsync();
        var options = Probe.Options(exchange.Url);
        options.MaxQuoteAge = TimeSpan.FromSeconds(10);
        await using var venue = new RemoteVenue(options, time);
        Assert.True(await venue.WaitUntilReadyAsync());
        Assert.True(venue.TryGetQuote(Aapl, out _));

        await exchange.StopAsync();
        time.Advance(TimeSpan.FromSeconds(11));   // polls run (and fail) on the way; the last good fetch ages
        await venue.RefreshMarketDataAsync();

        Assert.False(venue.TryGetQuote(Aapl, out _));
        Assert.NotNull(venue.FindInstrument(Aapl));   // reference data, not a price: kept
    }
}
