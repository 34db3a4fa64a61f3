// The outbound rate limit (EXCHANGE_API_RATE_LIMIT) on a real paper exchange, with time driven by
// FakeTimeProvider: N requests at R per second go out one slot (1/R) apart, every kind of request
// waits its turn, none is lost or doubled, and a venue's "not before" (Retry-After) holds them all.
// No sleeps: each step advances the clock and waits for the requests that are due to arrive.
namespace Fillmore.Venues.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Simulated;
using Fillmore.Venues.Throttled;
using Microsoft.Extensions.Time.Testing;

public sealed class ThrottledVenueTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero));
    private readonly SimulatedVenue _paper;

    public ThrottledVenueTests() =>
        _paper = new SimulatedVenue(new SimulatedVenueOptions { QuoteInterval = TimeSpan.FromHours(1) }, _time);

    public void Dispose() => _paper.Dispose();

    [Theory]
    [InlineData(10, 5.0)]    // 10 requests at 5/s: the last goes 9 slots of 200 ms after the first, at 1.8 s
    [InlineData(7, 2.0)]     // 7 at 2/s: 3 s
    [InlineData(4, 1000.0)]  // 4 at 1000/s: 3 ms
    public async Task N_requests_at_R_per_second_take_N_minus_1_slots_and_none_is_lost(int n, double perSecond)
    {
        var venue = new ThrottledVenue(_paper, new RequestPacer(perSecond, burst: 1, _time));
        var slot = venue.Pacer.Interval;
        Assert.Equal(TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / perSecond)), slot);
        var orders = Enumerable.Range(0, n).Select(_ => NewOrder()).ToList();
        var started = _time.GetUtcNow();
        var sends = orders.Select(o => venue.SubmitAsync(o).AsTask()).ToList();

        for (var k = 1; k <= n; k++)
        {
            // The k-th request arrives at (k - 1) slots: the clock stands still until the test moves it, so no
            // more than k can have arrived by then.
            await Probe.UntilAsync(() => _paper.Arrived.Count >= k, $"request {k} to arrive");
            Assert.Equal(k, _paper.Arrived.Count);
            if (k < n) _time.Advance(slot);
        }

        Assert.Equal(slot * (n - 1), _time.GetUtcNow() - started);
        Assert.All(await Task.WhenAll(sends), outcome => Assert.IsType<VenueOutcome.Confirmed>(outcome));
        Assert.Equal(orders.Select(o => o.Id).ToHashSet(), _paper.Submissions.Keys.ToHashSet());
        Assert.All(_paper.Submissions.Values, count => Assert.Equal(1, count));   // none lost, none doubled
    }

    // The slots themselves, exactly: each wait completes at its slot and not one tick before (FakeTimeProvider
    // fires the timers inside Advance, so what has completed afterwards is settled).
    [Fact]
    public void Each_slot_opens_exactly_one_interval_after_the_one_before()
    {
        var pacer = new RequestPacer(5.0, burst: 1, _time);
        var waits = Enumerable.Range(0, 4).Select(_ => pacer.WaitAsync()).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(200), pacer.Interval);
        for (var k = 1; k < waits.Count; k++)
        {
            Assert.Equal(k, waits.Count(w => w.IsCompleted));
            _time.Advance(pacer.Interval - TimeSpan.FromTicks(1));
            Assert.Equal(k, waits.Count(w => w.IsCompleted));
            _time.Advance(TimeSpan.FromTicks(1));
        }
        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task Every_kind_of_request_waits_for_its_slot()
    {
        var venue = new ThrottledVenue(_paper, new RequestPacer(1.0, burst: 1, _time));
        var order = NewOrder(OrderType.Limit, 100m);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));            // t = 0: free

        var query = venue.QueryAsync(order.Id).AsTask();                                   // t = 1 s
        var list = venue.ListOpenOrdersAsync().AsTask();                                   // t = 2 s
        var replace = venue.ReplaceAsync(order, order.Terms with { Quantity = 20 }).AsTask(); // t = 3 s
        var cancel = venue.CancelAsync(order.Id).AsTask();                                 // t = 4 s
        var pending = new Task[] { query, list, replace, cancel };
        for (var second = 1; second <= 4; second++)
        {
            Assert.All(pending.Skip(second - 1), t => Assert.False(t.IsCompleted));
            _time.Advance(TimeSpan.FromSeconds(1));
            await pending[second - 1].WaitAsync(Probe.Bound);
        }

        Assert.IsType<VenueQuery.Found>(await query);
        Assert.Single((await list)!);
        Assert.IsType<VenueOutcome.Confirmed>(await replace);
        Assert.IsType<VenueOutcome.Confirmed>(await cancel);
        Assert.Equal(VenueOrderStatus.Cancelled, _paper.AllOrders().Single().Status);
    }

    [Fact]
    public async Task A_venues_retry_after_holds_every_request_until_it_has_passed()
    {
        var venue = new ThrottledVenue(_paper, new RequestPacer(100.0, burst: 1, _time));
        _paper.SetFaults(new SimulatedFaults { Throttle = 1 });    // answers 429 with Retry-After: 1 s
        var throttled = Assert.IsType<VenueOutcome.Retryable>(await venue.SubmitAsync(NewOrder()));
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.RetryAfter);
        _paper.SetFaults(SimulatedFaults.None);

        var next = venue.SubmitAsync(NewOrder()).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.False(next.IsCompleted);                            // the pacer's slot (10 ms) is long past; the hold is not
        Assert.Single(_paper.Arrived);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.IsType<VenueOutcome.Confirmed>(await next.WaitAsync(Probe.Bound));
    }

    [Fact]
    public async Task A_burst_goes_at_once_after_a_quiet_spell_then_the_rate_holds()
    {
        var pacer = new RequestPacer(10.0, burst: 3, _time);
        var waits = Enumerable.Range(0, 5).Select(_ => pacer.WaitAsync()).ToList();
        Assert.All(waits.Take(3), w => Assert.True(w.IsCompleted));
        Assert.False(waits[3].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await waits[3].WaitAsync(Probe.Bound);
        Assert.False(waits[4].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await waits[4].WaitAsync(Probe.Bound);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_above_zero_is_refused(double perSecond) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestPacer(perSecond, 1, _time));

    [Fact]
    public void The_host_finds_the_venue_beneath_any_throttle()
    {
        var twice = new ThrottledVenue(new ThrottledVenue(_paper, new RequestPacer(1, 1, _time)),
            new RequestPacer(1, 1, _time));
        Assert.Same(_paper, ThrottledVenue.Innermost(twice));
        Assert.Same(_paper, ThrottledVenue.Innermost(_paper));
        Assert.Equal(("SIM", "paper"), (twice.Name, twice.Health.Kind));
    }

    private static Order NewOrder(OrderType type = OrderType.Market, decimal? limit = null) =>
        Probe.NewOrder(type: type, limit: limit);
}
