// RecoveryDecider: retrying or acknowledging a FAILED order, or one in doubt, is allowed by the
// order's own answer. One acknowledged in doubt is closed (no cash held, never sent) and stays in
// doubt for reconciliation.
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
    [InlineData(S.PendingSubmit, false, T.FailureAcknowledged, "ORDER_NOT_FAILED")]
    public void Refusal(S status, bool acknowledged, T trigger, string? code)
    {
        var order = Book.NewOrder(status, acknowledged: acknowledged ? Book.T0 : null);
        Assert.Equal(code, RecoveryDecider.Refusal(order, trigger, Book.T0)?.Code);
    }

    [Theory]
    [InlineData(S.PendingSubmit, false, T.Resubmitted, null)]
    [InlineData(S.PendingSubmit, false, T.FailureAcknowledged, null)]
    [InlineData(S.Failed, true, T.Resubmitted, "ORDER_ACKNOWLEDGED")]          // acknowledged while in doubt: closed
    [InlineData(S.Failed, true, T.FailureAcknowledged, "ORDER_ACKNOWLEDGED")]
    [InlineData(S.Pending, false, T.Resubmitted, "ORDER_NOT_FAILED")]          // (a move clears the doubt; defensive)
    public void Refusal_in_doubt(S status, bool acknowledged, T trigger, string? code)
    {
        var order = Book.NewOrder(status, attempts: 4, acknowledged: acknowledged ? Book.T0 : null, inDoubt: Book.T0);
        Assert.Equal(code, RecoveryDecider.Refusal(order, trigger, Book.T0)?.Code);
    }

    [Fact]
    public void Acknowledging_an_order_in_doubt_closes_it_frees_its_cash_and_keeps_the_doubt_for_reconciliation()
    {
        var book = new Book(Book.NewOrder(S.PendingSubmit, attempts: 4, inDoubt: Book.T0) with
        {
            Reason = "In doubt: 4 attempts got no clear answer.", ReservePrice = 190m,
        });
        Assert.Equal(100 * 190m, book.Ledger.Reserved);
        var change = book.Commit(RecoveryDecider.Acknowledge(book.Order, Book.T0.AddMinutes(1))).Change!;
        Assert.Equal((S.Failed, Book.T0.AddMinutes(1), Book.T0), (book.Order.Status, book.Order.FailureAcknowledgedAt, book.Order.InDoubtSince));
        Assert.Equal(0m, book.Ledger.Reserved);
        Assert.Equal(("FAILURE_ACKNOWLEDGED", "TRADER"), (ApiNames.Of(change.Audit.Single().Action), ApiNames.Of(change.Audit.Single().Actor)));
        Assert.StartsWith("Acknowledged by the trader while in doubt", book.Order.Reason);
        Assert.Equal("order.failure_acknowledged", change.Events.Single().Type);
        Assert.NotNull(RecoveryDecider.Refusal(book.Order, T.Resubmitted, Book.T0));   // never sent again
    }

    [Fact]
    public void Retrying_an_order_in_doubt_sends_it_again_under_its_id_and_ends_the_doubt()
    {
        var book = new Book(Book.NewOrder(S.PendingSubmit, attempts: 4, inDoubt: Book.T0) with { Reason = "In doubt: ..." });
        var change = book.Commit(RecoveryDecider.Resubmit(book.Order, venueHasIt: false, accountGuard: null, Book.T0)).Change!;
        Assert.Equal((S.PendingSubmit, (string?)null, (DateTimeOffset?)null, 4), (book.Order.Status, book.Order.Reason, book.Order.InDoubtSince, book.Order.Attempts));
        Assert.Equal("RESUBMITTED", ApiNames.Of(change.Audit.Single().Action));
        Assert.Same(Decision.Nothing, RecoveryDecider.Resubmit(book.Order, false, null, Book.T0));   // no longer in doubt
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
