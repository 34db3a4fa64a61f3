// SendDecider, one row per case: what a send worker does with the order it picked up, what the
// venue's answer to attempt N does (and what comes next), and the final check's two endings.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using S = Fillmore.Core.Orders.OrderStatus;

public class SendDeciderTests
{
    private static readonly RetryPolicy Policy = RetryPolicy.From(new ExecutionOptions());

    [Theory]
    [InlineData(S.PendingSubmit, true, 0, PickupKind.Send)]
    [InlineData(S.PendingSubmit, false, 2, PickupKind.Send)]
    [InlineData(S.PendingSubmit, false, 0, PickupKind.Leave)]        // a stale entry: queued twice, or taken over since
    [InlineData(S.PendingCancel, true, 0, PickupKind.CancelUnsent)]   // cancelled before this process ever sent it
    [InlineData(S.PendingCancel, false, 0, PickupKind.AskVenue)]      // queued by recovery: a send may have been unrecorded
    [InlineData(S.PendingCancel, false, 1, PickupKind.AskVenue)]      // between attempts: an earlier one may have arrived
    [InlineData(S.Pending, false, 1, PickupKind.Leave)]
    [InlineData(S.Filled, true, 0, PickupKind.Leave)]
    [InlineData(S.Failed, false, 3, PickupKind.Leave)]
    public void Pickup(S status, bool fresh, int attempt, PickupKind expected)
    {
        var book = new Book(Book.NewOrder(status));
        var pickup = SendDecider.Pickup(book.Order, new SendSlot(fresh, attempt), null, Book.T0);
        book.Commit(pickup.Decision);
        Assert.Equal(expected, pickup.Kind);
        Assert.Equal(expected == PickupKind.CancelUnsent ? S.Cancelled : status, book.Order.Status);
    }

    [Theory]
    [InlineData(S.PendingSubmit, true, 0)]
    [InlineData(S.PendingSubmit, false, 2)]
    [InlineData(S.PendingCancel, true, 0)]
    public void A_second_worker_leaves_an_order_whose_request_is_on_the_wire(S status, bool fresh, int attempt)
    {
        var book = new Book(Book.NewOrder(status));
        var pickup = SendDecider.Pickup(book.Order, new SendSlot(fresh, attempt, Sending: true), null, Book.T0);
        Assert.Equal((PickupKind.Leave, (Decision)Decision.Nothing), (pickup.Kind, pickup.Decision));
    }

    [Theory]
    [InlineData(true, 0, 0, PickupKind.Halted, S.Failed)]            // never sent: it fails with the halt's code, nothing sent
    [InlineData(false, 2, 2, PickupKind.FinalCheck, S.PendingSubmit)] // between attempts: it may be there, so the venue is asked
    [InlineData(true, 0, 1, PickupKind.FinalCheck, S.PendingSubmit)]  // queued again after a send was recorded: asked too
    public void A_halt_in_force_stops_the_send(bool fresh, int attempt, int attempts, PickupKind expected, S after)
    {
        var book = new Book(Book.NewOrder(S.PendingSubmit, attempts: attempts));
        var halt = new Fillmore.Core.Risk.RuleViolation(null, ReasonCodes.VenueHalted, "Not sent: the venue SIM is halted.", "Retry later.");
        var pickup = SendDecider.Pickup(book.Order, new SendSlot(fresh, attempt), halt, Book.T0);
        book.Commit(pickup.Decision);
        Assert.Equal((expected, after), (pickup.Kind, book.Order.Status));
        if (after == S.Failed)
            Assert.Equal((ReasonCodes.VenueHalted, "Not sent: the venue SIM is halted."), (book.Committed[^1].Audit[^1].ErrorCode, book.Order.Reason));
    }

    public static IEnumerable<object?[]> Outcomes() =>
    [
        // status before, outcome, attempt, path -> status after, next, audit actions, retry in (s)
        [S.PendingSubmit, Confirmed(), 0, ExecutionPath.V2, S.Pending, SendNext.Done, "EXECUTED,ACKNOWLEDGED", 0],
        [S.PendingCancel, Confirmed(), 0, ExecutionPath.V2, S.PendingCancel, SendNext.SendCancel, "EXECUTED", 0],
        [S.PendingSubmit, new VenueOutcome.Rejected("INVALID_PRICE", "no"), 0, ExecutionPath.V2, S.Rejected, SendNext.Done, "EXECUTED,REJECTED", 0],
        // "the venue already has this id": it has our order (an earlier answer was lost), so it is asked, not refused
        [S.PendingSubmit, new VenueOutcome.Rejected("DUPLICATE_CLIENT_ORDER_ID", "dup"), 0, ExecutionPath.V2, S.PendingSubmit, SendNext.Retry, "EXECUTED,RETRY_SCHEDULED", 1],
        [S.PendingSubmit, new VenueOutcome.Rejected("DUPLICATE_CLIENT_ORDER_ID", "dup"), 0, ExecutionPath.Legacy, S.PendingSubmit, SendNext.FinalCheck, "EXECUTED", 0],
        [S.PendingSubmit, new VenueOutcome.Fatal("VENUE_PROTOCOL_MISMATCH", "bad"), 1, ExecutionPath.V2, S.Failed, SendNext.Done, "EXECUTED,FAILED", 0],
        [S.PendingSubmit, Unknown(), 0, ExecutionPath.V2, S.PendingSubmit, SendNext.Retry, "EXECUTED,RETRY_SCHEDULED", 1],
        [S.PendingSubmit, Unknown(), 1, ExecutionPath.V2, S.PendingSubmit, SendNext.Retry, "EXECUTED,RETRY_SCHEDULED", 2],
        [S.PendingSubmit, Unknown(), 2, ExecutionPath.V2, S.PendingSubmit, SendNext.Retry, "EXECUTED,RETRY_SCHEDULED", 4],
        [S.PendingSubmit, Unknown(), 3, ExecutionPath.V2, S.PendingSubmit, SendNext.FinalCheck, "EXECUTED", 0],
        [S.PendingSubmit, new VenueOutcome.Retryable("THROTTLED", "429", TimeSpan.FromSeconds(9)), 0, ExecutionPath.V2,
            S.PendingSubmit, SendNext.Retry, "EXECUTED,RETRY_SCHEDULED", 9],      // the venue's Retry-After, longer than the backoff
        [S.PendingSubmit, Unknown(), 0, ExecutionPath.Legacy, S.PendingSubmit, SendNext.FinalCheck, "EXECUTED", 0],   // legacy: one send only
        [S.Cancelled, Confirmed(), 0, ExecutionPath.V2, S.Cancelled, SendNext.Done, "EXECUTED", 0],                    // a late ack, ignored
    ];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Outcome(S status, VenueOutcome outcome, int attempt, ExecutionPath path, S after, SendNext next, string actions, int retryIn)
    {
        var book = new Book(Book.NewOrder(status, path: path));
        var decided = SendDecider.Outcome(book.Order, attempt, outcome, Policy, null, Book.T0);
        book.Commit(decided.Decision);
        Assert.Equal((after, next), (book.Order.Status, decided.Next));
        Assert.Equal(actions, string.Join(",", decided.Decision.Change!.Audit.Select(a => ApiNames.Of(a.Action))));
        Assert.Equal(TimeSpan.FromSeconds(retryIn), decided.RetryIn);
        Assert.Equal((1, Book.T0), (book.Order.Attempts, book.Order.FirstSentAt));   // every answer is a recorded send
    }

    [Fact]
    public void An_immediate_fill_stated_by_the_answer_is_committed_with_the_acknowledgement()
    {
        var book = new Book(Book.NewOrder());
        var fill = Book.Report(ExecutionKind.Fill, "x-1", 100, 100);
        var decided = SendDecider.Outcome(book.Order, 0, Confirmed(), Policy, (fill, book.Context), Book.T0);
        book.Commit(decided.Decision);
        Assert.Equal("EXECUTED,ACKNOWLEDGED,FILLED", string.Join(",", decided.Decision.Change!.Audit.Select(a => ApiNames.Of(a.Action))));
        Assert.Equal(["order.submitted", "order.filled"], decided.Decision.Change.Events.Select(e => e.Type));
        Assert.Equal((S.Filled, fill), (book.Order.Status, decided.JoinedReport));
        Assert.False(decided.GapAfterJoin);
    }

    [Fact]
    public void A_joined_report_already_recorded_adds_nothing_but_its_gap_is_still_seen()
    {
        var book = new Book(Book.NewOrder());
        book.Commit(ReportDecider.Decide(book.Order, Book.Report(ExecutionKind.Fill, "x-1", 10, 10), book.Context, Book.T0));
        var repeat = Book.Report(ExecutionKind.Fill, "x-1", 10, 30);
        var decided = SendDecider.Outcome(book.Order, 0, Confirmed(), Policy, (repeat, book.Context), Book.T0);
        Assert.Null(decided.JoinedReport);
        Assert.True(decided.GapAfterJoin);
        Assert.Empty(decided.Decision.Change!.Fills);
    }

    [Theory]
    [InlineData(S.PendingSubmit, "Commit", S.Failed, "VENUE_NEVER_RECEIVED")]
    [InlineData(S.Pending, "None", S.Pending, null)]                  // answered meanwhile
    public void Never_received(S status, string decision, S after, string? code)
    {
        var book = new Book(Book.NewOrder(status, attempts: 4));
        var decided = book.Commit(SendDecider.NeverReceived(book.Order, 4, Book.T0));
        Assert.Equal((decision, after), (decided.GetType().Name, book.Order.Status));
        Assert.Equal(code, decided.Change?.Audit.Last().ErrorCode);
    }

    [Theory]
    [InlineData(S.PendingSubmit, "Commit")]
    [InlineData(S.PendingCancel, "None")]
    [InlineData(S.Filled, "None")]
    public void In_doubt(S status, string decision)
    {
        var book = new Book(Book.NewOrder(status, attempts: 4));
        var decided = book.Commit(SendDecider.InDoubt(book.Order, 4, Book.T0));
        Assert.Equal((decision, status), (decided.GetType().Name, book.Order.Status));
        if (decision == "Commit")
        {
            Assert.StartsWith("In doubt: 4 attempts", book.Order.Reason);
            Assert.Equal(Book.T0, book.Order.InDoubtSince);   // the fact the trader's retry and acknowledgement need
            Assert.Equal(("OUTCOME_UNKNOWN", "order.in_doubt"), (decided.Change!.Audit.Single().ErrorCode, decided.Change.Events.Single().Type));
        }
    }

    private static VenueOutcome Confirmed() => new VenueOutcome.Confirmed(Book.T0);

    private static VenueOutcome Unknown() => new VenueOutcome.Unknown("RESPONSE_LOST", "timed out");
}
