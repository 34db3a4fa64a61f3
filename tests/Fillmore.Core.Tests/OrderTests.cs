// The order answers every trigger with a value (Applied, Ignored, Illegal with its code) and is
// the only type that sets its status, version, filled quantity, average price and execution facts.
namespace Fillmore.Core.Tests;

using System.Reflection;
using System.Text.RegularExpressions;
using Fillmore.Core.Orders;

public class OrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    internal static Order NewOrder(long quantity = 100, OrderStatus status = OrderStatus.PendingSubmit, long filled = 0) =>
        Order.CreatePending(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), new TraderId("alice"), null,
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, quantity, OrderType.Market, null, null, TimeInForce.Day, null, null),
            "SIM", ExecutionPath.V2, T0).Restored(new OrderProgress(status, filled, filled > 0 ? 190m : null, 1));

    private static Order Applied(TransitionResult result) => Assert.IsType<TransitionResult.Applied>(result).Moved;

    [Fact]
    public void A_fill_before_the_acknowledgement_implies_it()
    {
        var after = Applied(NewOrder().OnFill(40, 190m, T0));
        Assert.Equal((OrderStatus.Partial, 40L, 2L), (after.Status, after.FilledQuantity, after.Version));
    }

    [Fact]
    public void Cumulative_quantity_is_authoritative_and_never_goes_backwards()
    {
        var order = NewOrder(status: OrderStatus.Pending);
        var later = Applied(order.OnFill(70, 190.5m, T0));     // the second report arrived first
        var earlier = Applied(later.OnFill(30, 190m, T0));     // the first report, late: recorded, nothing moves back
        Assert.Equal((70L, 190.5m, OrderStatus.Partial), (earlier.FilledQuantity, earlier.AverageFillPrice, earlier.Status));
        Assert.Equal(OrderStatus.Filled, Applied(earlier.OnFill(100, 190.7m, T0)).Status);
    }

    [Fact]
    public void An_overfill_is_illegal_with_its_code_and_changes_nothing()
    {
        var order = NewOrder(status: OrderStatus.Pending);
        var illegal = Assert.IsType<TransitionResult.Illegal>(order.OnFill(101, 190m, T0));
        Assert.Equal("OVERFILL", illegal.Code);
        Assert.Same(order, illegal.Order);
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Expired)]
    public void A_fill_after_the_end_is_recorded_without_moving_the_status(OrderStatus end)
    {
        var after = Applied(NewOrder(status: end, filled: 20).OnFill(30, 191m, T0));
        Assert.Equal((end, 30L, 191m), (after.Status, after.FilledQuantity, after.AverageFillPrice));
    }

    [Fact]
    public void A_partial_fill_after_a_cancel_request_keeps_the_cancel_pending()
    {
        var after = Applied(NewOrder(status: OrderStatus.PendingCancel).OnFill(10, 190m, T0));
        Assert.Equal((OrderStatus.PendingCancel, 10L), (after.Status, after.FilledQuantity));
    }

    [Fact]
    public void Ignored_triggers_change_nothing_and_illegal_ones_answer_with_the_tables_code()
    {
        var filled = NewOrder(status: OrderStatus.Filled, filled: 100);
        Assert.Same(filled, Assert.IsType<TransitionResult.Ignored>(filled.On(OrderTrigger.VenueAccepted, T0)).Order);
        var refused = Assert.IsType<TransitionResult.Illegal>(filled.On(OrderTrigger.CancelRequested, T0));
        Assert.Equal("ORDER_NOT_CANCELLABLE", refused.Code);
        Assert.Equal("ILLEGAL_TRANSITION", Assert.IsType<TransitionResult.Illegal>(filled.On(OrderTrigger.Expired, T0)).Code);
    }

    [Fact]
    public void Acknowledging_a_failure_is_recorded_on_the_order_and_closes_it_for_good()
    {
        var acknowledged = Applied(NewOrder(status: OrderStatus.Failed).On(OrderTrigger.FailureAcknowledged, T0.AddMinutes(1)));
        Assert.Equal((OrderStatus.Failed, T0.AddMinutes(1)), (acknowledged.Status, acknowledged.FailureAcknowledgedAt));
        Assert.Equal("ORDER_ACKNOWLEDGED", Assert.IsType<TransitionResult.Illegal>(acknowledged.On(OrderTrigger.Resubmitted, T0)).Code);
        Assert.Equal("ORDER_ACKNOWLEDGED", Assert.IsType<TransitionResult.Illegal>(acknowledged.On(OrderTrigger.FailureAcknowledged, T0)).Code);
    }

    [Fact]
    public void A_recorded_send_counts_the_attempt_and_keeps_the_first_time()
    {
        var once = NewOrder().Sent(T0);
        var twice = once.Sent(T0.AddSeconds(1));
        Assert.Equal((false, true), (NewOrder().WasSent, once.WasSent));
        Assert.Equal((2, T0, 3L), (twice.Attempts, twice.FirstSentAt, twice.Version));
    }

    [Fact]
    public void Venue_totals_only_move_the_filled_quantity_forward_and_never_past_the_order()
    {
        var order = NewOrder(status: OrderStatus.Cancelled, filled: 20);
        Assert.Equal(60L, order.WithVenueTotals(60, 190.4m).FilledQuantity);
        Assert.Same(order, order.WithVenueTotals(10, 189m));
        Assert.Same(order, order.WithVenueTotals(101, 189m));
    }

    private static readonly string[] Guarded =
        ["Status", "Version", "FilledQuantity", "AverageFillPrice", "Attempts", "FirstSentAt", "FailureAcknowledgedAt", "InDoubtSince", "Terms",
            "PendingAmend", "VenueRevision", "TriggerPrice", "Watermark", "TriggeredAt", "CancelIntent"];

    [Fact]
    public void Only_the_order_sets_its_status_version_fills_and_execution_facts()
    {
        foreach (var name in Guarded)
        {
            var setter = typeof(Order).GetProperty(name)!.SetMethod!;
            Assert.False(setter.IsPublic || setter.IsAssembly || setter.IsFamilyOrAssembly, $"Order.{name} can be set from outside Order.");
        }
    }

    // Restored brings a stored row back; anywhere else it would be a way around the transition table.
    [Fact]
    public void Only_stores_restore_an_order_from_its_progress()
    {
        var src = Path.Combine(CorePurityTests.RepositoryRoot(), "src");
        var callers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"\.Restored\("))
            .Select(f => Path.GetRelativePath(src, f).Replace('\\', '/'))
            .ToList();
        Assert.NotEmpty(callers);
        Assert.All(callers, f => Assert.StartsWith("Fillmore.Storage/", f));
        Assert.Contains(typeof(Order).GetMethods(BindingFlags.Public | BindingFlags.Instance), m => m.Name == "Restored");
    }
}
