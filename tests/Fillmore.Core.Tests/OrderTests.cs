namespace Fillmore.Core.Tests;

using Fillmore.Core.Orders;

public class OrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    internal static Order NewOrder(long quantity = 100, OrderStatus status = OrderStatus.PendingSubmit) =>
        Order.CreatePending(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), new TraderId("alice"), null,
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, quantity, OrderType.Market, null, null, TimeInForce.Day, null, null),
            "SIM", ExecutionPath.V2, T0) with { Status = status };

    [Fact]
    public void A_fill_before_the_acknowledgement_implies_it()
    {
        var after = NewOrder().ApplyFill(40, 190m, T0)!;
        Assert.Equal(OrderStatus.Partial, after.Status);
        Assert.Equal(40, after.FilledQuantity);
        Assert.Equal(2, after.Version);
    }

    [Fact]
    public void Cumulative_quantity_is_authoritative_and_never_goes_backwards()
    {
        var order = NewOrder(status: OrderStatus.Pending);
        var later = order.ApplyFill(70, 190.5m, T0)!;   // the second report arrived first
        var earlier = later.ApplyFill(30, 190m, T0)!;     // the first report, late
        Assert.Equal(70, earlier.FilledQuantity);
        Assert.Equal(190.5m, earlier.AverageFillPrice);
        Assert.Equal(OrderStatus.Partial, earlier.Status);
        Assert.Equal(OrderStatus.Filled, earlier.ApplyFill(100, 190.7m, T0)!.Status);
    }

    [Fact]
    public void An_overfill_is_illegal()
    {
        var order = NewOrder(status: OrderStatus.Pending);
        Assert.Throws<IllegalTransitionException>(() => order.ApplyFill(101, 190m, T0));
    }

    [Fact]
    public void A_partial_fill_after_a_cancel_request_keeps_the_cancel_pending()
    {
        var after = NewOrder(status: OrderStatus.PendingCancel).ApplyFill(10, 190m, T0)!;
        Assert.Equal(OrderStatus.PendingCancel, after.Status);
        Assert.Equal(10, after.FilledQuantity);
    }

    [Fact]
    public void Ignored_triggers_change_nothing_and_illegal_ones_throw()
    {
        var filled = NewOrder(status: OrderStatus.Filled);
        Assert.Null(filled.Apply(OrderTrigger.VenueAccepted, T0));
        var ex = Assert.Throws<IllegalTransitionException>(() => filled.Apply(OrderTrigger.CancelRequested, T0));
        Assert.Equal(OrderStatus.Filled, ex.From);
    }
}
