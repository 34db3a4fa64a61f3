// ReconcileDecider, one row per case: what the venue holding the order (or proving it does not)
// does to it, decided from the facts on the order (WasSent), never from the audit trail.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using S = Fillmore.Core.Orders.OrderStatus;
using V = Fillmore.Core.Ports.VenueOrderStatus;

public class ReconcileDeciderTests
{
    [Theory]
    [InlineData(S.PendingSubmit, 1, V.Working, S.Pending, "RECONCILED", 1)]
    [InlineData(S.PendingSubmit, 0, V.Working, S.Pending, "EXECUTED,RECONCILED", 1)]   // sent, then the process stopped before recording it
    [InlineData(S.PendingSubmit, 0, V.Filled, S.Pending, "EXECUTED,RECONCILED", 1)]    // the fills follow as reports
    [InlineData(S.PendingSubmit, 0, V.Rejected, S.PendingSubmit, "EXECUTED", 1)]       // the rejection follows as a report
    [InlineData(S.PendingSubmit, 2, V.Rejected, S.PendingSubmit, "", 2)]
    [InlineData(S.Pending, 1, V.Working, S.Pending, "", 1)]
    [InlineData(S.PendingCancel, 1, V.Working, S.PendingCancel, "", 1)]
    public void Found(S status, int attempts, V venueStatus, S after, string actions, int attemptsAfter)
    {
        var book = new Book(Book.NewOrder(status, attempts: attempts) with { Reason = "In doubt: ..." });
        var decided = book.Commit(ReconcileDecider.Found(book.Order, State(venueStatus), AuditAction.Reconciled, "order.recovered", Book.T0));
        Assert.Equal(after, book.Order.Status);
        Assert.Equal(actions, string.Join(",", decided.Change?.Audit.Select(a => ApiNames.Of(a.Action)) ?? []));
        Assert.Equal(attemptsAfter, book.Order.Attempts);
        if (after == S.Pending && status == S.PendingSubmit) Assert.Null(book.Order.Reason);   // found: the doubt is over
    }

    [Theory]
    [InlineData(S.PendingSubmit, 0, 0, true, S.PendingSubmit, null)]            // never sent by anyone: send it now
    [InlineData(S.PendingSubmit, 2, 0, false, S.Failed, "VENUE_NEVER_RECEIVED")]
    [InlineData(S.PendingCancel, 0, 0, false, S.Cancelled, null)]
    [InlineData(S.PendingCancel, 1, 10, false, S.Cancelled, null)]
    [InlineData(S.Pending, 1, 0, false, S.Failed, "VENUE_LOST_ORDER")]
    [InlineData(S.Partial, 1, 30, false, S.Failed, "VENUE_LOST_ORDER")]
    [InlineData(S.Filled, 1, 100, false, S.Filled, null)]
    [InlineData(S.Failed, 1, 0, false, S.Failed, null)]
    public void Missing(S status, int attempts, long filled, bool resend, S after, string? code)
    {
        var book = new Book(Book.NewOrder(status, attempts: attempts, filled: filled));
        var decided = ReconcileDecider.Missing(book.Order, Book.T0);
        book.Commit(decided.Decision);
        Assert.Equal((resend, after), (decided.Resend, book.Order.Status));
        Assert.Equal(code, decided.Decision.Change?.Audit.Last().ErrorCode);
    }

    // Acknowledged while in doubt (FAILED, closed, no cash held): the venue's late word is taken, never a send.
    [Theory]
    [InlineData(V.Working, S.Pending, "RECONCILED", true)]
    [InlineData(V.Filled, S.Pending, "RECONCILED", true)]      // its fills follow as reports
    [InlineData(V.Rejected, S.Failed, "", false)]              // the rejection follows as a report
    public void Found_after_the_trader_acknowledged_it_in_doubt(V venueStatus, S after, string actions, bool reopened)
    {
        var book = new Book(Book.NewOrder(S.Failed, attempts: 4, acknowledged: Book.T0, inDoubt: Book.T0) with { ReservePrice = 190m });
        Assert.Equal(0m, book.Ledger.Reserved);
        var decided = book.Commit(ReconcileDecider.Found(book.Order, State(venueStatus), AuditAction.Reconciled, "order.recovered", Book.T0));
        Assert.Equal(after, book.Order.Status);
        Assert.Equal(actions, string.Join(",", decided.Change?.Audit.Select(a => ApiNames.Of(a.Action)) ?? []));
        Assert.Equal(reopened ? null : Book.T0, book.Order.InDoubtSince);
        Assert.Equal(reopened ? 100 * 190m : 0m, book.Ledger.Reserved);   // working at the venue: its cash is held again
        Assert.Equal(4, book.Order.Attempts);
    }

    [Fact]
    public void Fills_of_an_order_acknowledged_in_doubt_are_recorded()
    {
        var book = new Book(Book.NewOrder(S.Failed, attempts: 4, acknowledged: Book.T0, inDoubt: Book.T0));
        var decided = book.Commit(ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Fill, "x-1", 100, 100), book.Context, Book.T0));
        Assert.IsType<Decision.Commit>(decided);
        Assert.Equal((S.Filled, 100L, 1), (book.Order.Status, book.Order.FilledQuantity, book.Fills.Count));
        Assert.Null(book.Order.InDoubtSince);
    }

    [Theory]
    [InlineData(true, S.Failed, "VENUE_NEVER_RECEIVED")]    // acknowledged in doubt: the doubt is over
    [InlineData(false, S.Failed, null)]                      // an ordinary FAILED order: nothing to settle
    public void Missing_after_the_trader_acknowledged_it_in_doubt(bool inDoubt, S after, string? code)
    {
        var book = new Book(Book.NewOrder(S.Failed, attempts: 4, acknowledged: Book.T0, inDoubt: inDoubt ? Book.T0 : null));
        var decided = ReconcileDecider.Missing(book.Order, Book.T0);
        book.Commit(decided.Decision);
        Assert.Equal((false, after, (DateTimeOffset?)null), (decided.Resend, book.Order.Status, book.Order.InDoubtSince));
        Assert.Equal(code, decided.Decision.Change?.Audit.Last().ErrorCode);
        Assert.NotNull(book.Order.FailureAcknowledgedAt);
    }

    [Theory]
    [InlineData(S.PendingCancel, 0, 0, "Cancelled before it reached the venue.")]
    [InlineData(S.PendingCancel, 1, 0, "Cancelled; the venue no longer holds the order.")]
    public void A_pending_cancel_the_venue_does_not_hold_says_whether_it_was_ever_sent(S status, int attempts, long filled, string reason)
    {
        var decided = ReconcileDecider.Missing(Book.NewOrder(status, attempts: attempts, filled: filled), Book.T0);
        Assert.Equal(reason, decided.Decision.Change!.Order.Reason);
    }

    // The venue could not say. Flagged in doubt only where Fillmore cannot know otherwise: its send was never
    // recorded and the venue can never be asked, or the venue warns it may have lost the order; once per reason.
    [Theory]
    [InlineData(S.PendingSubmit, 0, false, false, "OUTCOME_UNKNOWN")]
    [InlineData(S.PendingSubmit, 0, true, false, null)]       // a venue that answers queries will know next time
    [InlineData(S.PendingSubmit, 1, false, false, null)]      // sent and recorded: the sender's own final check decides
    [InlineData(S.Pending, 1, false, true, "VENUE_MAY_HAVE_LOST_ORDER")]
    [InlineData(S.Partial, 1, false, true, "VENUE_MAY_HAVE_LOST_ORDER")]
    [InlineData(S.PendingCancel, 1, false, true, "VENUE_MAY_HAVE_LOST_ORDER")]
    [InlineData(S.Pending, 1, false, false, null)]            // cannot be asked, and no break: nothing new
    [InlineData(S.Filled, 1, false, true, null)]
    public void Unanswered(S status, int attempts, bool answersQueries, bool mayHaveLost, string? code)
    {
        var book = new Book(Book.NewOrder(status, attempts: attempts));
        var unknown = new VenueQuery.Unknown("the venue restarted") { MayHaveLost = mayHaveLost };
        var decided = book.Commit(ReconcileDecider.Unanswered(book.Order, unknown, answersQueries, Book.T0));
        Assert.Equal(code, decided.Change?.Audit.Single().ErrorCode);
        Assert.Equal(status, book.Order.Status);
        if (code is null) return;
        Assert.StartsWith("In doubt: ", book.Order.Reason);
        Assert.Equal("order.in_doubt", Assert.Single(decided.Change!.Events).Type);
        Assert.Same(Decision.Nothing, ReconcileDecider.Unanswered(book.Order, unknown, answersQueries, Book.T0));
    }

    [Fact]
    public void The_venues_view_becomes_its_executions_then_its_end()
    {
        var executions = new[] { Book.Report(ExecutionKind.Fill, "x-1", 10, 10), Book.Report(ExecutionKind.Fill, "x-2", 5, 15) };
        var reports = ReconcileDecider.AsReports(State(V.Cancelled, executions)).ToList();
        Assert.Equal([ExecutionKind.Fill, ExecutionKind.Fill, ExecutionKind.Cancelled], reports.Select(r => r.Kind));
        Assert.Equal(15, reports[^1].CumulativeQuantity);
        Assert.Equal(2, ReconcileDecider.AsReports(State(V.Working, executions)).Count());
    }

    private static VenueOrderState State(V status, IReadOnlyList<ExecutionReport>? executions = null) =>
        new(Book.NewOrder().Id, Symbol.Of("AAPL"), Side.Buy, 100, status, executions?.LastOrDefault()?.CumulativeQuantity ?? 0, 190m, executions ?? [], null);
}
