// Property, on the pure deciders: whatever happens to a venue's reports on the way (shuffled,
// duplicated, dropped, overtaking the venue's answer to the submit, racing a trader's cancel) and
// whichever way the venue's order ended (filled, cancelled, expired, still working, with partial
// fills), deciding each arrival and then reconciling with the venue's view leaves exactly the
// venue's executions recorded, once each, the order's filled quantity and the trader's position
// equal to the venue's, and the order where the venue says it is. Book.Commit refuses a stale
// change or a duplicate fill at every step. 1,000 cases per run.
namespace Fillmore.Core.Tests.Decisions;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using V = Fillmore.Core.Ports.VenueOrderStatus;

public class ReconciliationProperty
{
    private static readonly RetryPolicy Policy = RetryPolicy.From(new ExecutionOptions());

    public sealed record Venue(long Quantity, IReadOnlyList<ExecutionReport> Executions, V End)
    {
        public long Filled => Executions.Sum(e => e.LastQuantity);

        /// <summary>Every report the venue sends: its executions, then its end when that is a report of its own.</summary>
        public IReadOnlyList<ExecutionReport> Reports => ReconcileDecider.AsReports(State).ToList();

        public VenueOrderState State =>
            new(Book.NewOrder().Id, Symbol.Of("AAPL"), Side.Buy, Quantity, End, Filled, Executions.LastOrDefault()?.AveragePrice ?? 0m, Executions, null);
    }

    /// <summary>What reaches the engine, in order: a report (by index), the venue's answer to the submit, or the trader's cancel.</summary>
    public sealed record Arrival(int Report, bool IsAnswer, bool IsCancel);

    public static Arbitrary<(Venue, Arrival[])> Cases() => Arb.From(
        from count in Gen.Choose(0, 6)
        from sizes in Gen.Choose(1, 40).ArrayOf(count)
        from extra in Gen.Choose(0, 30)
        from end in Gen.Elements(V.Working, V.Cancelled, V.Expired, V.Filled)
        let venue = VenueOf(sizes, end == V.Filled ? 0 : extra + 1, end)
        from arrivals in Gen.Frequency(
            (8, Gen.Choose(0, 1_000).Select(i => new Arrival(i, false, false))),
            (1, Gen.Constant(new Arrival(0, true, false))),
            (1, Gen.Constant(new Arrival(0, false, true)))).ArrayOf()
        select (venue, arrivals));

    private static Venue VenueOf(int[] sizes, long open, V end)
    {
        var cumulative = 0L;
        var executions = sizes.Select((size, i) =>
        {
            cumulative += size;
            return Book.Report(ExecutionKind.Fill, $"x-{i + 1}", size, cumulative, 190m + i) with { AveragePrice = 190m + i / 2m };
        }).ToList();
        return new Venue(cumulative + open, executions, end == V.Filled && executions.Count == 0 ? V.Working : end);
    }

    [Property(MaxTest = 1_000, Arbitrary = [typeof(ReconciliationProperty)])]
    public void Any_delivery_then_reconciliation_equals_the_venues_truth((Venue Venue, Arrival[] Arrivals) @case)
    {
        var (venue, arrivals) = @case;
        var book = new Book(Book.NewOrder(quantity: venue.Quantity, attempts: 0) with { Reason = null });
        var now = Book.T0;
        foreach (var arrival in arrivals)
        {
            now = now.AddMilliseconds(10);
            if (arrival.IsAnswer) book.Commit(SendDecider.Outcome(book.Order, 0, new VenueOutcome.Confirmed(now), Policy, null, now).Decision);
            else if (arrival.IsCancel) book.Commit(CancelDecider.Request(book.Order, Book.Alice, busy: true, now).Decision);
            else if (venue.Reports.Count > 0)
                book.Commit(ReportDecider.Decide(book.Order, venue.Reports[arrival.Report % venue.Reports.Count], book.Context, now));
            Assert.True(book.Order.FilledQuantity <= venue.Quantity);
        }

        book.Commit(ReconcileDecider.Found(book.Order, venue.State, AuditAction.Reconciled, "order.recovered", now));
        foreach (var report in ReconcileDecider.AsReports(venue.State)) book.Commit(ReportDecider.Decide(book.Order, report, book.Context, now));

        Assert.Equal(venue.Executions.Select(e => e.ExecutionId).Order(), book.Fills.Select(f => f.ExecutionId).Order());
        Assert.Equal((venue.Filled, venue.Filled), (book.Order.FilledQuantity, book.Ledger.PositionIn(Symbol.Of("AAPL")).Quantity));
        Assert.Contains(book.Order.Status, Expected(venue.End, cancelled: arrivals.Any(a => a.IsCancel)));
    }

    private static OrderStatus[] Expected(V end, bool cancelled) => end switch
    {
        V.Filled => [OrderStatus.Filled],
        V.Cancelled => [OrderStatus.Cancelled],
        V.Expired => [OrderStatus.Expired],
        _ => cancelled ? [OrderStatus.PendingCancel] : [OrderStatus.Pending, OrderStatus.Partial],
    };
}
