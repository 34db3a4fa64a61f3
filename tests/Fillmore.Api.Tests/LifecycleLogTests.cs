// The structured order.* log events (OrderLifecycleLog), as an operator's log pipeline sees them:
// an event name, the order and trader, and the fields that matter for that event.
namespace Fillmore.Api.Tests;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

public sealed class LifecycleLogTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly FillmoreFactory _factory = new();

    public LifecycleLogTests()
    {
        // One attempt and the final check with the venue: an unanswered TSLA order fails at once.
        _factory.Settings["Fillmore:Execution:RetryMaxAttempts"] = "0";
        _factory.TestServices = services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            FlakyVenue.Install(services, "TSLA");
        };
    }

    private List<CapturedLog> EventsOf(string orderId) =>
        _logs.Entries.Where(e => e.Fields.TryGetValue("EventName", out _) && e.Fields["OrderId"]?.ToString() == orderId).ToList();

    // The event is logged right after its commit, which the API may show a moment earlier.
    private async Task<CapturedLog> WaitForAsync(string orderId, string eventName)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (EventsOf(orderId).FirstOrDefault(e => (string)e.Fields["EventName"]! == eventName) is { } found) return found;
            await Task.Delay(10);
        }
        throw new Xunit.Sdk.XunitException($"No {eventName} was logged for order {orderId}.");
    }

    [Fact]
    public async Task A_filled_order_logs_submitted_executed_and_filled_with_its_fields()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var id = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 4, order_type = "MARKET" })).JsonAsync()).Id();
        var order = await alice.WaitForStatusAsync(id, "FILLED");
        await WaitForAsync(id, "order.filled");
        var events = EventsOf(id);
        Assert.Equal(["order.submitted", "order.executed", "order.filled"], events.Select(e => (string)e.Fields["EventName"]!));
        Assert.Equal([6001, 6002, 6004], events.Select(e => e.EventId.Id));
        Assert.Equal(["order.submitted", "order.executed", "order.filled"], events.Select(e => e.EventId.Name));
        Assert.All(events, e => Assert.Equal(("alice", "AAPL"), ((string)e.Fields["TraderId"]!, (string)e.Fields["Symbol"]!)));
        var submitted = events[0].Fields;
        Assert.Equal(("BUY", 4L, "MARKET", "V2"), ((string)submitted["Side"]!, (long)submitted["Quantity"]!, (string)submitted["OrderType"]!, (string)submitted["ExecutionPath"]!));
        Assert.Equal(("SIM", 0), ((string)events[1].Fields["Venue"]!, (int)events[1].Fields["RetryAttempt"]!));
        var filled = events[2].Fields;
        Assert.Equal((4L, order.GetProperty("average_fill_price").GetDecimal(), 4L, "FILLED"),
            ((long)filled["FillQuantity"]!, (decimal)filled["FillPrice"]!, (long)filled["FilledQuantity"]!, (string)filled["Status"]!));
    }

    [Fact]
    public async Task A_cancel_by_the_trader_and_a_failure_are_logged()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var resting = (await (await alice.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 1, order_type = "LIMIT", price = 390.00m })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(resting, "PENDING");
        await alice.PostAsync($"/api/v1/orders/{resting}/cancel", null);
        await alice.WaitForStatusAsync(resting, "CANCELLED");
        var cancelled = await WaitForAsync(resting, "order.cancelled_by_trader");
        Assert.Equal((0L, 1L), ((long)cancelled.Fields["FilledQuantity"]!, (long)cancelled.Fields["Quantity"]!));

        var silent = (await (await alice.SubmitAsync(new { symbol = "TSLA", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(silent, "FAILED");
        var failed = await WaitForAsync(silent, "order.failed");
        // The attempt timed out; the final check with the venue proved it never got the order.
        Assert.Equal((LogLevel.Warning, "VENUE_NEVER_RECEIVED"), (failed.Level, (string)failed.Fields["ErrorCode"]!));
        Assert.Contains("never received", (string)failed.Fields["Reason"]!);
        Assert.Equal("VENUE_TIMEOUT", (string)Assert.Single(EventsOf(silent), e => (string)e.Fields["EventName"]! == "order.executed").Fields["ErrorCode"]!);
    }

    public void Dispose() => _factory.Dispose();
}
