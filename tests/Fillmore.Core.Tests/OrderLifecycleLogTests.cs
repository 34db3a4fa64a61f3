// Which committed audit actions become which order.* log events, including the two that the API
// tests cannot easily provoke: a recovery after an uncertain send, and a cancel that was not the
// trader's.
namespace Fillmore.Core.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public class OrderLifecycleLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    private static readonly Order Pending = Order.CreatePending(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), new TraderId("alice"), null,
        new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10, OrderType.Limit, 190m, null, TimeInForce.Day, null, null), "SIM", ExecutionPath.V2, T0);

    private sealed class Recorder : ILogger
    {
        public List<(EventId Id, Dictionary<string, object?> Fields)> Events { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Events.Add((eventId, ((IEnumerable<KeyValuePair<string, object?>>)state!).ToDictionary(p => p.Key, p => p.Value)));
    }

    private static List<string?> Logged(Order? before, Order after, params AuditAction[] actions)
    {
        var log = new Recorder();
        var change = actions.Aggregate(OrderChange.Of(before ?? after, after), (c, a) => c.Audited(AuditRecord.Of(after, a, Actor.System, T0)));
        OrderLifecycleLog.Committed(log, before, change);
        return log.Events.Select(e => e.Id.Name).ToList();
    }

    [Fact]
    public void A_recovered_or_reconciled_order_logs_order_recovered()
    {
        var found = Pending.On(OrderTrigger.VenueAccepted, T0).Order;
        Assert.Equal([OrderLifecycleLog.Recovered], Logged(Pending, found, AuditAction.Reconciled));
        Assert.Equal([OrderLifecycleLog.Recovered], Logged(Pending, found, AuditAction.Recovered));
    }

    [Fact]
    public void Only_a_cancel_the_trader_asked_for_is_cancelled_by_trader()
    {
        var asked = Pending.On(OrderTrigger.VenueAccepted, T0).Order.On(OrderTrigger.CancelRequested, T0).Order;
        Assert.Equal([OrderLifecycleLog.CancelledByTrader], Logged(asked, asked.On(OrderTrigger.Cancelled, T0).Order, AuditAction.Cancelled));
        var working = Pending.On(OrderTrigger.VenueAccepted, T0).Order;
        Assert.Empty(Logged(working, working.On(OrderTrigger.Cancelled, T0).Order, AuditAction.Cancelled));   // e.g. an IOC remainder
    }

    [Fact]
    public void Each_event_has_its_name_as_a_field_and_actions_without_an_event_log_nothing()
    {
        var log = new Recorder();
        OrderLifecycleLog.Committed(log, null, OrderChange.NewOrder(Pending)
            .Audited(AuditRecord.Of(Pending, AuditAction.Submitted, Actor.Trader, T0))
            .Audited(AuditRecord.Of(Pending, AuditAction.Approved, Actor.System, T0)));
        var (id, fields) = Assert.Single(log.Events);
        Assert.Equal((6001, "order.submitted", "order.submitted"), (id.Id, id.Name, (string?)fields["EventName"]));
        Assert.Equal((Pending.Id, "alice", 190m), ((OrderId)fields["OrderId"]!, (string?)fields["TraderId"], (decimal?)fields["Price"]));
    }
}
