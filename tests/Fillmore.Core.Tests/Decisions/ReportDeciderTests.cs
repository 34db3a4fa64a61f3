// ReportDecider, one row per (order, report) case: what the decision is, where the order ends, what
// it records and announces. The negative space included: duplicates, overfills, reports the
// transition table refuses.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using K = Fillmore.Core.Ports.ExecutionKind;
using S = Fillmore.Core.Orders.OrderStatus;

public class ReportDeciderTests
{
    // from, filled before, report kind, last, cumulative -> decision, status after, filled after, audit actions, events, code
    public static IEnumerable<object?[]> Rows() =>
    [
        [S.Pending, 0L, K.Fill, 40L, 40L, "Commit", S.Partial, 40L, "PARTIALLY_FILLED", "order.partially_filled", null],
        [S.Pending, 0L, K.Fill, 100L, 100L, "Commit", S.Filled, 100L, "FILLED", "order.filled", null],
        [S.PendingSubmit, 0L, K.Fill, 100L, 100L, "Commit", S.Filled, 100L, "FILLED", "order.filled", null],   // the fill implies the ack
        [S.Partial, 40L, K.Fill, 60L, 100L, "Commit", S.Filled, 100L, "FILLED", "order.filled", null],
        [S.Partial, 70L, K.Fill, 30L, 30L, "Commit", S.Partial, 70L, "PARTIALLY_FILLED", "order.partially_filled", null],   // overtaken: recorded, nothing moves back
        [S.PendingCancel, 0L, K.Fill, 10L, 10L, "Commit", S.PendingCancel, 10L, "PARTIALLY_FILLED", "order.partially_filled", null],
        [S.Cancelled, 20L, K.Fill, 10L, 30L, "Commit", S.Cancelled, 30L, "PARTIALLY_FILLED", "order.partially_filled", null],   // traded before the cancel
        [S.Expired, 0L, K.Fill, 5L, 5L, "Commit", S.Expired, 5L, "PARTIALLY_FILLED", "order.partially_filled", null],
        [S.Pending, 0L, K.Fill, 101L, 101L, "Anomaly", S.Pending, 0L, "ANOMALY", "", "OVERFILL"],
        [S.Pending, 0L, K.Cancelled, 0L, 0L, "Commit", S.Cancelled, 0L, "CANCELLED", "order.cancelled", null],
        [S.Pending, 0L, K.Cancelled, 0L, 30L, "Commit", S.Cancelled, 30L, "CANCELLED", "order.cancelled", null],   // executions never reported
        [S.PendingCancel, 10L, K.Cancelled, 0L, 10L, "Commit", S.Cancelled, 10L, "CANCELLED", "order.cancelled", null],
        [S.Cancelled, 0L, K.Cancelled, 0L, 0L, "None", S.Cancelled, 0L, "", "", null],                           // a repeat after the end
        [S.Filled, 100L, K.Cancelled, 0L, 100L, "Anomaly", S.Filled, 100L, "ANOMALY", "", "ILLEGAL_TRANSITION"],
        [S.PendingCancel, 0L, K.CancelRejected, 0L, 0L, "Commit", S.Pending, 0L, "CANCEL_REJECTED", "order.cancel_rejected", null],
        [S.PendingCancel, 30L, K.CancelRejected, 0L, 30L, "Commit", S.Partial, 30L, "CANCEL_REJECTED", "order.cancel_rejected", null],
        [S.Pending, 0L, K.CancelRejected, 0L, 0L, "Anomaly", S.Pending, 0L, "ANOMALY", "", "ILLEGAL_TRANSITION"],
        [S.PendingSubmit, 0L, K.Rejected, 0L, 0L, "Commit", S.Rejected, 0L, "REJECTED", "order.rejected", null],
        [S.Rejected, 0L, K.Rejected, 0L, 0L, "None", S.Rejected, 0L, "", "", null],
        [S.Partial, 40L, K.Rejected, 0L, 40L, "Anomaly", S.Partial, 40L, "ANOMALY", "", "ILLEGAL_TRANSITION"],
        [S.Pending, 0L, K.Expired, 0L, 0L, "Commit", S.Expired, 0L, "EXPIRED", "order.expired", null],
        [S.Partial, 40L, K.Expired, 0L, 60L, "Commit", S.Expired, 60L, "EXPIRED", "order.expired", null],
        [S.Expired, 0L, K.Expired, 0L, 0L, "None", S.Expired, 0L, "", "", null],
        [S.PendingSubmit, 0L, K.Expired, 0L, 0L, "Anomaly", S.PendingSubmit, 0L, "ANOMALY", "", "ILLEGAL_TRANSITION"],
        [S.Failed, 0L, K.Expired, 0L, 0L, "Anomaly", S.Failed, 0L, "ANOMALY", "", "ILLEGAL_TRANSITION"],
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_report_decides_as_listed(S from, long filled, K kind, long last, long cumulative,
        string decision, S status, long filledAfter, string actions, string events, string? code)
    {
        var book = new Book(Book.NewOrder(from, filled: filled, attempts: 1));
        var decided = book.Commit(ReportDecider.Decide(book.Order, Book.Report(kind, "x-9", last, cumulative), book.Context, Book.T0));

        Assert.Equal(decision, decided.GetType().Name);
        Assert.Equal((status, filledAfter), (book.Order.Status, book.Order.FilledQuantity));
        var change = decided.Change;
        Assert.Equal(actions, string.Join(",", change?.Audit.Select(a => ApiNames.Of(a.Action)) ?? []));
        Assert.Equal(events, string.Join(",", change?.Events.Select(e => e.Type) ?? []));
        Assert.Equal(code, (decided as Decision.Anomaly)?.Code);
        Assert.Equal(kind == K.Fill && decision == "Commit" ? last : 0, book.Fills.Sum(f => f.Quantity));
    }

    // Fillmore stopped while sending, and a FIX session's own resend delivered the order: the send is recorded
    // first (SEND_NOT_RECORDED), then what the venue reported, in one change.
    [Theory]
    [InlineData(K.Fill, "Commit", S.Filled, "EXECUTED,FILLED")]
    [InlineData(K.Rejected, "Commit", S.Rejected, "EXECUTED,REJECTED")]
    [InlineData(K.Expired, "Anomaly", S.PendingSubmit, "EXECUTED,ANOMALY")]
    public void A_report_on_an_order_whose_send_was_never_recorded_records_the_send_first(K kind, string decision,
        S status, string actions)
    {
        var book = new Book(Book.NewOrder(S.PendingSubmit));
        var report = Book.Report(kind, "x-9", 100, 100);
        var decided = book.Commit(ReportDecider.Decide(book.Order, report, book.Context, Book.T0));

        Assert.Equal((decision, status, 1), (decided.GetType().Name, book.Order.Status, book.Order.Attempts));
        Assert.Equal(actions, string.Join(",", decided.Change!.Audit.Select(a => ApiNames.Of(a.Action))));
        Assert.Equal(ReasonCodes.SendNotRecorded, decided.Change.Audit[0].ErrorCode);
    }

    [Theory]
    [InlineData(S.Pending, K.Fill, null)]                              // the venue spoke of it: the doubt is over
    [InlineData(S.PendingSubmit, K.Fill, null)]
    [InlineData(S.Pending, K.Cancelled, "Cancelled at the venue.")]    // the venue's own words replace it
    public void A_report_that_moves_an_order_in_doubt_ends_the_doubt(S from, K kind, string? reason)
    {
        var book = new Book(Book.NewOrder(from, attempts: 1) with { Reason = "In doubt: the venue restarted." });
        var report = Book.Report(kind, "x-9", kind == K.Fill ? 10 : 0, kind == K.Fill ? 10 : 0) with
        {
            Reason = kind == K.Cancelled ? "Cancelled at the venue." : null,
        };
        book.Commit(ReportDecider.Decide(book.Order, report, book.Context, Book.T0));
        Assert.Equal(reason, book.Order.Reason);
    }

    [Fact]
    public void A_fill_already_on_record_is_nothing_to_do()
    {
        var book = new Book(Book.NewOrder(S.Pending));
        book.Commit(ReportDecider.Decide(book.Order, Book.Report(K.Fill, "x-1", 40, 40), book.Context, Book.T0));
        var again = ReportDecider.Decide(book.Order, Book.Report(K.Fill, "x-1", 40, 40), book.Context, Book.T0);
        Assert.Same(Decision.Nothing, again);
    }

    [Fact]
    public void A_fill_moves_cash_and_position_in_the_same_change()
    {
        var book = new Book(Book.NewOrder(S.Pending), cash: 10_000m);
        var change = book.Commit(ReportDecider.Decide(book.Order, Book.Report(K.Fill, "x-1", 10, 10, 150m), book.Context, Book.T0)).Change!;
        Assert.Equal(10_000m - 1_500m - 0.01m, change.Ledger!.Account.Cash);
        Assert.Equal(10, book.Ledger.PositionIn(Symbol.Of("AAPL")).Quantity);
        Assert.Equal(10, change.Events.Single().Position!.Quantity);
    }

    [Theory]
    [InlineData(K.Fill, 30, 30, 0, false)]       // the fill itself brings the record to 30
    [InlineData(K.Fill, 30, 50, 0, true)]        // 20 more executed than reported
    [InlineData(K.Cancelled, 0, 30, 0, true)]
    [InlineData(K.Cancelled, 0, 30, 30, false)]
    [InlineData(K.Cancelled, 0, 0, 0, false)]
    public void A_cumulative_quantity_ahead_of_the_record_reveals_a_gap(K kind, long last, long cumulative, long recorded, bool gap)
    {
        var book = new Book(Book.NewOrder(S.Pending));
        if (recorded > 0) book.Commit(ReportDecider.Decide(book.Order, Book.Report(K.Fill, "x-0", recorded, recorded), book.Context, Book.T0));
        var context = book.Context;
        var report = Book.Report(kind, "x-1", last, cumulative);
        Assert.Equal(gap, ReportDecider.RevealsGap(report, context, ReportDecider.Decide(book.Order, report, context, Book.T0)));
    }
}
