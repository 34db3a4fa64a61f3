// A venue that answers 429 Too Many Requests with Retry-After, played by a real Kestrel listener on
// 127.0.0.1: RemoteVenue classifies the answer to a submit, a replace and a cancel as Retryable
// with the venue's wait (as seconds or as an HTTP date), and the engine's RetryPolicy waits at
// least that long before the re-send, or its own backoff when that is longer.
namespace Fillmore.Venues.Tests;

using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

public sealed class RemoteVenueRetryAfterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private WebApplication _venue = null!;
    private string _retryAfter = "7";
    private int _requests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _venue = builder.Build();
        _venue.Run(async context =>
        {
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = _retryAfter;
            await context.Response.WriteAsJsonAsync(new { code = "THROTTLED", reason = "Slow down." });
        });
        await _venue.StartAsync().WaitAsync(Probe.Bound);
    }

    public async Task DisposeAsync()
    {
        await _venue.StopAsync();
        await _venue.DisposeAsync();
    }

    private RemoteVenue Remote() => new(Probe.Options(_venue.Urls.Single()), _time);

    [Fact]
    public async Task A_429_with_retry_after_in_seconds_is_retryable_after_that_long_for_every_request()
    {
        await using var venue = Remote();
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 100m);
        var outcomes = new[]
        {
            await venue.SubmitAsync(order), await venue.ReplaceAsync(order, order.Terms with { Quantity = 5 }),
            await venue.CancelAsync(order.Id),
        };
        Assert.All(outcomes, outcome =>
        {
            var retryable = Assert.IsType<VenueOutcome.Retryable>(outcome);
            Assert.Equal(("THROTTLED", TimeSpan.FromSeconds(7)), (retryable.Code, retryable.RetryAfter));
        });
    }

    [Fact]
    public async Task A_429_with_retry_after_as_a_date_waits_until_then()
    {
        _retryAfter = Now.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await using var venue = Remote();
        var retryable = Assert.IsType<VenueOutcome.Retryable>(await venue.SubmitAsync(Probe.NewOrder()));
        Assert.Equal(TimeSpan.FromSeconds(30), retryable.RetryAfter);
    }

    // The engine's side: the first re-send waits the venue's 7 s instead of its own 1 s; a Retry-After shorter than
    // the backoff does not hurry it.
    [Theory]
    [InlineData("7", 1, 7.0)]
    [InlineData("1", 3, 4.0)]
    [InlineData("2", 2, 2.0)]
    public async Task The_retry_policy_waits_at_least_as_long_as_the_venue_asked(string retryAfter, int retry,
        double seconds)
    {
        _retryAfter = retryAfter;
        await using var venue = Remote();
        var outcome = await venue.SubmitAsync(Probe.NewOrder());
        var policy = RetryPolicy.From(new ExecutionOptions());
        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.DelayBefore(retry, outcome));
        Assert.True(policy.DelayBefore(retry, outcome) >= ((VenueOutcome.Retryable)outcome).RetryAfter);
        Assert.True(_requests >= 1);
    }
}
