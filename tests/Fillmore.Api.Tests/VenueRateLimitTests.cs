// EXCHANGE_API_RATE_LIMIT through the host: the variable is mapped, the venue the engine talks to
// is throttled (the in-process paper exchange here; any kind is wrapped the same way), orders
// submitted at once reach the venue one slot apart on the host's FakeTimeProvider and every one
// fills, once; a value that is not a rate stops the start with the reason.
namespace Fillmore.Api.Tests;

using System.Net;
using Fillmore.Api.Hosting;
using Fillmore.Core.Ports;
using Fillmore.Venues.Throttled;
using Microsoft.Extensions.DependencyInjection;

public sealed class VenueRateLimitTests : IDisposable
{
    private readonly List<FillmoreFactory> _factories = [];

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }

    private FillmoreFactory Service(string? perSecond)
    {
        var factory = new FillmoreFactory();
        if (perSecond is not null) factory.Settings["Fillmore:VenueRateLimit:RequestsPerSecond"] = perSecond;
        _factories.Add(factory);
        return factory;
    }

    [Fact]
    public void The_variable_is_mapped_where_the_others_are() =>
        Assert.Equal("Fillmore:VenueRateLimit:RequestsPerSecond",
            FillmoreServices.EnvironmentVariables["EXCHANGE_API_RATE_LIMIT"]);

    [Fact]
    public void Unset_there_is_no_limit_and_the_venue_is_used_as_built()
    {
        var factory = Service(null);
        Assert.Same(factory.Venue, factory.Services.GetRequiredService<IVenue>());
    }

    [Fact]
    public async Task Orders_sent_at_once_reach_the_venue_one_slot_apart_and_all_fill_once()
    {
        var factory = Service("2");   // one request every 500 ms
        var venue = Assert.IsType<ThrottledVenue>(factory.Services.GetRequiredService<IVenue>());
        Assert.Equal(TimeSpan.FromMilliseconds(500), venue.Pacer.Interval);
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        // Start-up recovery asked the venue for its open orders: that took the slot at the start.
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.JsonAsync()).Id());
        }
        Assert.Empty(factory.Venue.Arrived);   // the clock stands still: nothing is due yet

        for (var k = 1; k <= ids.Count; k++)
        {
            factory.Time.Advance(venue.Pacer.Interval);
            await Wait.UntilAsync(() => factory.Venue.Arrived.Count >= k, $"order {k} to reach the venue");
            Assert.Equal(k, factory.Venue.Arrived.Count);
        }
        foreach (var id in ids) await alice.WaitForStatusAsync(id, "FILLED");
        Assert.All(factory.Venue.Submissions.Values, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("fast")]
    public void A_value_that_is_not_a_rate_stops_the_start_with_the_reason(string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => Service(value).CreateClient());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        Assert.Contains(messages, m => m.Contains($"EXCHANGE_API_RATE_LIMIT='{value}' is not valid", StringComparison.Ordinal));
    }
}
