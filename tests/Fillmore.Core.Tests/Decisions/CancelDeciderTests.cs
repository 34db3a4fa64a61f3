// CancelDecider: the trader's cancel is the order's own answer (409 code from the table), and who
// finishes it follows from where the order is; the venue's answer to the cancel request.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using S = Fillmore.Core.Orders.OrderStatus;

public class CancelDeciderTests
{
    [Theory]
    [InlineData(S.Pending, false, "Accepted", S.PendingCancel, CancelFollowUp.SendToVenue)]
    [InlineData(S.Partial, false, "Accepted", S.PendingCancel, CancelFollowUp.SendToVenue)]
    [InlineData(S.PendingSubmit, true, "Accepted", S.PendingCancel, CancelFollowUp.None)]            // the sender finishes it
    [InlineData(S.PendingSubmit, false, "Accepted", S.PendingCancel, CancelFollowUp.AskReconciler)]  // nobody here works on it
    [InlineData(S.PendingCancel, false, "Accepted", S.PendingCancel, CancelFollowUp.None)]           // asked twice: nothing more
    [InlineData(S.Filled, false, "NotCancellable", S.Filled, CancelFollowUp.None)]
    [InlineData(S.Cancelled, false, "NotCancellable", S.Cancelled, CancelFollowUp.None)]
    [InlineData(S.Failed, false, "NotCancellable", S.Failed, CancelFollowUp.None)]
    [InlineData(S.Denied, false, "NotCancellable", S.Denied, CancelFollowUp.None)]
    public void Request(S status, bool busy, string result, S after, CancelFollowUp then)
    {
        var book = new Book(Book.NewOrder(status));
        var request = CancelDecider.Request(book.Order, Book.Alice, busy, Book.T0);
        book.Commit(request.Decision);
        Assert.Equal((result, after, then), (request.Result.GetType().Name, book.Order.Status, request.Then));
        if (request.Result is CancelResult.NotCancellable refused) Assert.Equal("ORDER_NOT_CANCELLABLE", refused.Code);
        if (status != after) Assert.Equal("CANCEL_REQUESTED", ApiNames.Of(request.Decision.Change!.Audit.Single().Action));
    }

    [Fact]
    public void Another_traders_order_is_not_found_and_nothing_changes()
    {
        var request = CancelDecider.Request(Book.NewOrder(S.Pending), new TraderId("bob"), false, Book.T0);
        Assert.IsType<CancelResult.NotFound>(request.Result);
        Assert.Same(Decision.Nothing, request.Decision);
    }

    [Theory]
    [InlineData("confirmed", "None", S.PendingCancel, null)]
    [InlineData("rejected", "Commit", S.Pending, "TOO_LATE_TO_CANCEL")]
    [InlineData("unknown", "Commit", S.PendingCancel, "RESPONSE_LOST")]    // still pending: reconciliation settles it
    public void Venue_answer(string answer, string decision, S after, string? code)
    {
        VenueOutcome outcome = answer switch
        {
            "confirmed" => new VenueOutcome.Confirmed(Book.T0),
            "rejected" => new VenueOutcome.Rejected("TOO_LATE_TO_CANCEL", "filled"),
            _ => new VenueOutcome.Unknown("RESPONSE_LOST", "timed out"),
        };
        var book = new Book(Book.NewOrder(S.PendingCancel));
        var decided = book.Commit(CancelDecider.VenueAnswer(book.Order, outcome, Book.T0));
        Assert.Equal((decision, after), (decided.GetType().Name, book.Order.Status));
        Assert.Equal(code, decided.Change?.Audit.Single().ErrorCode);
    }
}
