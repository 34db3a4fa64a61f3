// RecoveryDecider: retrying or acknowledging a FAILED order is allowed by the order's own answer.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using S = Fillmore.Core.Orders.OrderStatus;
using T = Fillmore.Core.Orders.OrderTrigger;

public class RecoveryDeciderTests
{
    [Theory]
    [InlineData(S.Failed, false, T.Resubmitted, null)]
    [InlineData(S.Failed, false, T.FailureAcknowledged, null)]
    [InlineData(S.Failed, true, T.Resubmitted, "ORDER_ACKNOWLEDGED")]
    [InlineData(S.Failed, true, T.FailureAcknowledged, "ORDER_ACKNOWLEDGED")]
    [InlineData(S.Pending, false, T.Resubmitted, "ORDER_NOT_FAILED")]
    [InlineData(S.Filled, false, T.FailureAcknowledged, "ORDER_NOT_FAILED")]
    [InlineData(S.PendingSubmit, false, T.Resubmitted, "ORDER_NOT_FAILED")]
    public void Refusal(S status, bool acknowledged, T trigger, string? code)
    {
        var order = Book.NewOrder(status, acknowledged: acknowledged ? Book.T0 : null);
        Assert.Equal(code, RecoveryDecider.Refusal(order, trigger, Book.T0)?.Code);
    }

    [Theory]
    [InlineData(false, "Re-sent by the trader after the venue confirmed it does not have it.")]
    [InlineData(true, "Retry asked; the venue already has the order, so it is adopted, not sent again.")]
    public void Resubmit_brings_the_order_back_to_be_sent_and_keeps_its_send_history(bool venueHasIt, string reason)
    {
        var book = new Book(Book.NewOrder(S.Failed, attempts: 4) with { Reason = "Not executed" });
        var change = book.Commit(RecoveryDecider.Resubmit(book.Order, venueHasIt, accountGuard: 7, Book.T0)).Change!;
        Assert.Equal((S.PendingSubmit, (string?)null, 4), (book.Order.Status, book.Order.Reason, book.Order.Attempts));
        Assert.Equal((reason, 7L), (change.Audit.Single().Reason, change.AccountGuard));
        Assert.Same(Decision.Nothing, RecoveryDecider.Resubmit(book.Order, venueHasIt, null, Book.T0));   // not FAILED any more
    }

    [Fact]
    public void Acknowledge_closes_the_failed_order_and_says_why_it_failed()
    {
        var book = new Book(Book.NewOrder(S.Failed) with { Reason = "The venue lost it." });
        var change = book.Commit(RecoveryDecider.Acknowledge(book.Order, Book.T0)).Change!;
        Assert.Equal((S.Failed, Book.T0), (book.Order.Status, book.Order.FailureAcknowledgedAt));
        Assert.Equal("Acknowledged by the trader. The venue lost it.", change.Audit.Single().Reason);
        Assert.Same(Decision.Nothing, RecoveryDecider.Acknowledge(book.Order, Book.T0));
    }
}
