// An order SMART split follows its parts (RoutedFamilyDecider): decided from the family's state alone.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Routing;
using S = Fillmore.Core.Orders.OrderStatus;

public sealed class RoutedFamilyDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private static readonly Order Parent = Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
        new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 100, OrderType.Limit, 190.03m, null, TimeInForce.Ioc, null, null),
        Order.SmartVenue, ExecutionPath.V2, Now);

    private static Order Part(string venue, long quantity, S status, long filled = 0, decimal? average = null,
        DateTimeOffset? inDoubt = null) =>
        Order.PartOf(Parent, new OrderId(Guid.NewGuid()), quantity, venue, Now)
            .Restored(new OrderProgress(status, filled, average, 3) { InDoubtSince = inDoubt });

    private static (Order Parent, List<string> Tried) Settle(Reroute? reroute, params Order[] parts)
    {
        var change = new FamilyChange(new Family(Parent, parts));
        var tried = new List<string>();
        RoutedFamilyDecider.Settle(change, reroute is null ? null : (p, venues, quantity, now) =>
        {
            tried.AddRange(venues.Order());
            return reroute(p, venues, quantity, now);
        }, Now);
        return (change[Parent.Id], tried);
    }

    [Fact]
    public void The_order_holds_the_sum_of_its_parts_at_their_volume_weighted_average()
    {
        var (parent, _) = Settle(null, Part("A", 40, S.Filled, 40, 190.02m), Part("B", 60, S.Partial, 30, 190.01m));
        Assert.Equal((S.Partial, 70L), (parent.Status, parent.FilledQuantity));
        Assert.Equal((40 * 190.02m + 30 * 190.01m) / 70, parent.AverageFillPrice);
    }

    [Fact]
    public void When_every_part_has_ended_short_it_ends_cancelled_saying_why()
    {
        var (parent, _) = Settle(null, Part("A", 40, S.Cancelled, 10, 190.02m), Part("B", 60, S.Cancelled));
        Assert.Equal((S.Cancelled, 10L), (parent.Status, parent.FilledQuantity));
        Assert.Contains("A CANCELLED with 10 of 40", parent.Reason);
    }

    [Fact]
    public void An_ioc_remainder_goes_on_with_every_venue_tried_so_far()
    {
        Order? created = null;
        var (parent, tried) = Settle((p, _, quantity, now) =>
        {
            created = Order.PartOf(p, new OrderId(Guid.NewGuid()), quantity, "C", now);
            return (created, new RoutingDecision("C", [], "next"));
        }, Part("A", 40, S.Cancelled, 10, 190.02m), Part("B", 60, S.Filled, 60, 190.01m));
        Assert.Equal(["A", "B"], tried);
        Assert.Equal(30, created!.Terms.Quantity);
        Assert.NotEqual(S.Cancelled, parent.Status);
    }

    [Fact]
    public void Nothing_is_rerouted_and_nothing_ends_while_a_part_is_in_doubt()
    {
        var (parent, tried) = Settle((_, _, _, _) => throw new InvalidOperationException("must not re-route"),
            Part("A", 40, S.Failed, inDoubt: Now), Part("B", 60, S.Cancelled));
        Assert.Empty(tried);
        Assert.Equal(S.PendingSubmit, parent.Status);
    }
}
