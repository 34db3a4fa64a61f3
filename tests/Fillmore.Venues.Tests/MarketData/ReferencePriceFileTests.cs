// Quotes from a reference-price file: CSV and JSON read alike, a change is picked up at the next
// poll, a quote older than MaxQuoteAge or a symbol not in the file is not served (so the risk rules
// deny the order), a broken file keeps the last good prices, and a broken file at start stops the
// start with its reason.
namespace Fillmore.Venues.Tests.MarketData;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.MarketData;
using Microsoft.Extensions.Time.Testing;

public sealed class ReferencePriceFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-prices-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, _time.GetUtcNow().UtcDateTime);
        return path;
    }

    private ReferencePriceFile Open(string path) =>
        new(new MarketDataOptions { Source = "file", Path = path, MaxQuoteAge = TimeSpan.FromMinutes(5) }, _time);

    [Fact]
    public void A_csv_file_gives_instruments_and_quotes()
    {
        using var prices = Open(Write("prices.csv",
            "# reference prices\nsymbol,bid,ask,last,name,status\n" +
            "AAPL,189.9,190.1,190,Apple,\nHALT,1,2,1.5,,HALTED\n"));

        Assert.True(prices.TryGetQuote(Symbol.Of("AAPL"), out var quote));
        Assert.Equal((189.9m, 190.1m, 190m, _time.GetUtcNow()), (quote.Bid, quote.Ask, quote.Last, quote.Timestamp));
        Assert.Equal(("Apple", InstrumentStatus.Halted), (prices.FindInstrument(Symbol.Of("AAPL"))!.Name,
            prices.FindInstrument(Symbol.Of("HALT"))!.Status));
        Assert.False(prices.TryGetQuote(Symbol.Of("MSFT"), out _));
    }

    [Fact]
    public void A_json_file_reads_the_same_and_its_own_timestamps_decide_the_age()
    {
        var old = _time.GetUtcNow().AddMinutes(-6).ToString("O");
        using var prices = Open(Write("prices.json",
            $$"""
            [{"symbol":"AAPL","bid":189.9,"ask":190.1,"last":190},
             {"symbol":"MSFT","bid":419,"ask":421,"last":420,"timestamp":"{{old}}"}]
            """));

        Assert.True(prices.TryGetQuote(Symbol.Of("AAPL"), out _));
        Assert.False(prices.TryGetQuote(Symbol.Of("MSFT"), out _));    // six minutes old: stale
        Assert.NotNull(prices.FindInstrument(Symbol.Of("MSFT")));
    }

    [Fact]
    public void A_changed_file_is_read_at_the_next_poll_and_quotes_age_out()
    {
        var path = Write("prices.csv", "symbol,bid,ask,last\nAAPL,189.9,190.1,190\n");
        using var prices = Open(path);

        _time.Advance(TimeSpan.FromMinutes(4));
        Write("prices.csv", "symbol,bid,ask,last\nAAPL,199.9,200.1,200\n");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(prices.TryGetQuote(Symbol.Of("AAPL"), out var updated));
        Assert.Equal(200m, updated.Last);

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(prices.TryGetQuote(Symbol.Of("AAPL"), out _));
    }

    [Fact]
    public void A_broken_file_keeps_the_last_good_prices()
    {
        var path = Write("prices.csv", "symbol,bid,ask,last\nAAPL,189.9,190.1,190\n");
        using var prices = Open(path);

        _time.Advance(TimeSpan.FromSeconds(30));
        Write("prices.csv", "symbol,bid,ask,last\nAAPL,191,190,190\nMSFT,1,");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(prices.TryGetQuote(Symbol.Of("AAPL"), out var kept));
        Assert.Equal(190.1m, kept.Ask);
        Assert.Null(prices.FindInstrument(Symbol.Of("MSFT")));
    }

    [Theory]
    [InlineData("prices.csv", "symbol,bid,last\nAAPL,1,1\n", "no 'ask' column")]
    [InlineData("prices.csv", "symbol,bid,ask,last\nAAPL,2,1,1\n", "ask is below bid")]
    [InlineData("prices.csv", "symbol,bid,ask,last\nAAPL,1,2,x\n", "'last' is not a number")]
    [InlineData("prices.csv", "symbol,bid,ask,last\nAAPL,1,2,1\naapl,1,2,1\n", "a symbol appears twice")]
    [InlineData("prices.json", "[{\"symbol\":\"not a symbol\",\"bid\":1,\"ask\":2,\"last\":1}]", "not a valid symbol")]
    public void A_file_with_a_wrong_row_is_refused_whole_with_the_reason(string name, string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ReferencePriceParser.Parse(name, text));
        Assert.Contains(reason, error.Message);
        Assert.Throws<InvalidOperationException>(() => Open(Write(name, text)));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
