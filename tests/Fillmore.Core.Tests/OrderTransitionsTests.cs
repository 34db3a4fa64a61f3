// Every (status, trigger, has-fills, acknowledged) case is checked against an independent listing
// of the legal moves below; every case not listed must be Illegal (the negative space), with the
// code the API answers for what a trader asks (cancel, retry, acknowledge) and ILLEGAL_TRANSITION
// for what a venue reports out of turn.
namespace Fillmore.Core.Tests;

using Fillmore.Core.Orders;

public class OrderTransitionsTests
{
    // "From Trigger -> To" moves, and "From Trigger ~" for expected no-ops (Ignore).
    // "[filled]" / "[unfilled]" restrict a row to orders with / without fills; "[open]" to a FAILED
    // order the trader has not closed out (acknowledged); "[in doubt]" to an order in doubt (no
    // clear answer from the venue after every attempt and the final question).
    private static readonly string[] Legal =
    [
        "PendingSubmit VenueAccepted -> Pending",
        "PendingSubmit PartiallyFilled -> Partial",
        "PendingSubmit Filled -> Filled",
        "PendingSubmit Cancelled -> Cancelled",
        "PendingSubmit CancelRequested -> PendingCancel",
        "PendingSubmit VenueRejected -> Rejected",
        "PendingSubmit Failed -> Failed",
        "Held Released -> PendingSubmit",
        "Held Refused -> Denied",
        "Held CancelRequested -> Cancelled",
        "Held Cancelled -> Cancelled",
        "Held Expired -> Expired",
        "Held AmendRequested -> Held",
        "Pending AmendRequested -> Pending",
        "Pending Replaced -> Pending",
        "Pending ReplaceRejected -> Pending",
        "Partial AmendRequested -> Partial",
        "Partial Replaced -> Partial",
        "Partial ReplaceRejected -> Partial",
        "PendingCancel Replaced -> PendingCancel",
        "PendingCancel ReplaceRejected -> PendingCancel",
        "Filled CancelRejected ~",
        "Filled Replaced ~",
        "Filled ReplaceRejected ~",
        "Cancelled CancelRejected ~",
        "Cancelled Replaced ~",
        "Cancelled ReplaceRejected ~",
        "Expired CancelRejected ~",
        "Expired Replaced ~",
        "Expired ReplaceRejected ~",
        "Pending VenueAccepted ~",
        "Pending PartiallyFilled -> Partial",
        "Pending Filled -> Filled",
        "Pending CancelRequested -> PendingCancel",
        "Pending Cancelled -> Cancelled",
        "Pending Expired -> Expired",
        "Pending Failed -> Failed",
        "Partial VenueAccepted ~",
        "Partial PartiallyFilled -> Partial",
        "Partial Filled -> Filled",
        "Partial CancelRequested -> PendingCancel",
        "Partial Cancelled -> Cancelled",
        "Partial Expired -> Expired",
        "Partial Failed -> Failed",
        "PendingCancel VenueAccepted ~",
        "PendingCancel PartiallyFilled -> PendingCancel",
        "PendingCancel Filled -> Filled",
        "PendingCancel CancelRequested ~",
        "PendingCancel Cancelled -> Cancelled",
        "PendingCancel CancelRejected -> Pending [unfilled]",
        "PendingCancel CancelRejected -> Partial [filled]",
        "PendingCancel VenueRejected -> Rejected",
        "PendingCancel Expired -> Expired",
        "PendingCancel Failed -> Failed",
        "Filled VenueAccepted ~",
        "Cancelled VenueAccepted ~",
        "Cancelled Cancelled ~",
        "Rejected VenueRejected ~",
        "Expired Expired ~",
        "Failed Resubmitted -> PendingSubmit [open]",
        "Failed FailureAcknowledged -> Failed [open]",
        "PendingSubmit Resubmitted -> PendingSubmit [in doubt]",
        "PendingSubmit FailureAcknowledged -> Failed [in doubt]",
        "Failed VenueAccepted -> Pending [in doubt]",
        "Failed PartiallyFilled -> Partial [in doubt]",
        "Failed Filled -> Filled [in doubt]",
        "Failed Cancelled -> Cancelled [in doubt]",
        "Failed Expired -> Expired [in doubt]",
        "Failed VenueRejected -> Rejected [in doubt]",
        "Failed Failed -> Failed [in doubt]",
    ];

    public static TheoryData<OrderStatus, OrderTrigger, bool, bool, bool> AllCases()
    {
        var data = new TheoryData<OrderStatus, OrderTrigger, bool, bool, bool>();
        foreach (var s in Enum.GetValues<OrderStatus>())
            foreach (var t in Enum.GetValues<OrderTrigger>())
                foreach (var filled in new[] { false, true })
                    foreach (var acknowledged in new[] { false, true })
                        foreach (var inDoubt in new[] { false, true })
                            data.Add(s, t, filled, acknowledged, inDoubt);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Every_case_matches_the_listing(OrderStatus from, OrderTrigger trigger, bool hasFills, bool acknowledged, bool inDoubt)
    {
        var expected = Expected(from, trigger, hasFills, acknowledged, inDoubt);
        var actual = OrderTransitions.Next(from, trigger, new OrderFacts(hasFills, acknowledged, inDoubt));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Terminal_statuses_only_move_when_the_trader_resubmits_a_failed_order()
    {
        foreach (var s in Enum.GetValues<OrderStatus>().Where(s => s.IsTerminal()))
            foreach (var t in Enum.GetValues<OrderTrigger>())
            {
                var next = OrderTransitions.Next(s, t, default);
                if (next.Kind == TransitionKind.Move)
                    Assert.True(s == OrderStatus.Failed && t is OrderTrigger.Resubmitted or OrderTrigger.FailureAcknowledged, $"{s} + {t} moved to {next.To}");
            }
    }

    // Closed out while in doubt, an order is never sent again: whatever the venue turns out to have done, it
    // never goes back to PENDING_SUBMIT (the only status that is sent), and the trader cannot retry it.
    [Fact]
    public void An_order_acknowledged_in_doubt_takes_the_venues_word_but_is_never_sent_again()
    {
        var closed = new OrderFacts(HasFills: false, FailureAcknowledged: true, InDoubt: true);
        foreach (var t in Enum.GetValues<OrderTrigger>())
            Assert.NotEqual(OrderStatus.PendingSubmit, OrderTransitions.Next(OrderStatus.Failed, t, closed).To);
        Assert.Equal("ORDER_ACKNOWLEDGED", OrderTransitions.Next(OrderStatus.Failed, OrderTrigger.Resubmitted, closed).Code);
    }

    [Fact]
    public void Denied_accepts_nothing()
    {
        foreach (var t in Enum.GetValues<OrderTrigger>())
            Assert.Equal(TransitionKind.Illegal, OrderTransitions.Next(OrderStatus.Denied, t, default).Kind);
    }

    private static Transition Expected(OrderStatus from, OrderTrigger trigger, bool hasFills, bool acknowledged, bool inDoubt)
    {
        foreach (var row in Legal)
        {
            var parts = row.Split(' ');
            if (parts[0] != from.ToString() || parts[1] != trigger.ToString()) continue;
            if (row.EndsWith("[filled]", StringComparison.Ordinal) && !hasFills) continue;
            if (row.EndsWith("[unfilled]", StringComparison.Ordinal) && hasFills) continue;
            if (row.EndsWith("[open]", StringComparison.Ordinal) && acknowledged) continue;
            if (row.EndsWith("[in doubt]", StringComparison.Ordinal) && !inDoubt) continue;
            return parts[2] == "~" ? Transition.Ignore(from) : Transition.MoveTo(Enum.Parse<OrderStatus>(parts[3]));
        }
        return Transition.Illegal(from, (trigger, from, acknowledged) switch
        {
            (OrderTrigger.CancelRequested, _, _) => "ORDER_NOT_CANCELLABLE",
            (OrderTrigger.AmendRequested, _, _) => "ORDER_NOT_AMENDABLE",
            (OrderTrigger.Resubmitted or OrderTrigger.FailureAcknowledged, OrderStatus.Failed, true) => "ORDER_ACKNOWLEDGED",
            (OrderTrigger.Resubmitted or OrderTrigger.FailureAcknowledged, _, _) => "ORDER_NOT_FAILED",
            _ => "ILLEGAL_TRANSITION",
        });
    }
}
