// What a venue did at once with a new order (an immediate fill) is committed together with the
// acknowledgement when it is known by then: stated in the venue's answer, or from a drop copy that
// overtook the answer and was parked. One commit, and exactly the rows, audit entries and numbered
// events two commits would have written, in the same order; the other copy of the report is a
// duplicate and changes nothing. Real SQLite store and the simulated venue; OvertakingVenue
// arranges the overtaking and the terse answers.
namespace Fillmore.Api.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Simulation;
using Fillmore.Venues.Simulated;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

public sealed class OvertakingReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-overtake-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
    private readonly CommitRecorder _commits = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false, false, 1)]   // the answer states the fill: joined to the acknowledgement
    [InlineData(true, true, 1)]     // a terse answer, overtaken by the drop copy: parked, then joined
    [InlineData(false, true, 2)]    // a terse answer, the drop copy after it: two commits
    public async Task A_fill_known_with_the_answer_is_committed_with_the_acknowledgement_and_reads_the_same(bool overtake, bool terse, int commits)
    {
        using var venue = new SimulatedVenue(new SimulatedVenueOptions { Seed = 7 }, _time);
        OvertakingVenue? overtaking = null;
        using var engine = await Engine.StartAsync(Path.Combine(_dir, "o.db"), venue, _time, new SeededIdGenerator(new Random(7)),
            _commits, v => overtaking = new OvertakingVenue(v, overtake ? 1 : 0, new Random(7)));
        venue.SetFaults(new SimulatedFaults { TerseAnswers = terse });
        overtaking!.Coordinator = engine.Coordinator;
        var trader = new TraderId("alice");
        await engine.Accounts.UpdateAsync(trader, a => a with { Cash = 1_000_000m, Limits = new RiskLimits(100_000, 50_000_000m, 5_000_000m, 1_000, 1_000_000m, false) });

        var created = Assert.IsType<SubmitResult.Created>(await engine.Orders.SubmitAsync(trader,
            new OrderDraft("AAPL", "BUY", 10, "MARKET", null, null, "DAY", null, null, "o-1")));
        _commits.Clear();
        await engine.Coordinator.DrainAsync();

        var order = (await engine.Store.GetOrderAsync(created.Order.Id))!;
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(10, order.FilledQuantity);
        Assert.Equal(commits, _commits.Batches.Count);
        // Whether joined or not: the same events, numbered without a gap, and the same audit trail.
        var events = _commits.Batches.SelectMany(b => b).ToList();
        Assert.Equal([OrderEventType.Submitted, OrderEventType.Filled], events.Select(e => e.Type));
        Assert.Equal([2L, 3L], events.Select(e => e.Seq));
        var trail = await engine.Store.GetAuditTrailAsync(order.Id);
        Assert.Equal([AuditAction.Submitted, AuditAction.Approved, AuditAction.Executed, AuditAction.Acknowledged, AuditAction.Filled], trail.Select(e => e.Record.Action));
        var fill = Assert.Single(await engine.Store.GetFillsAsync(order.Id));
        var ledger = await engine.Store.LoadLedgerAsync(trader, TradingCalendar.NewYork.DayOf(_time.GetUtcNow()));
        Assert.Equal(10, Assert.Single(ledger.Positions).Quantity);
        Assert.Equal(1_000_000m - 10 * fill.Price - fill.Commission, ledger.Account!.Cash);
        Assert.False(venue.Reports.TryPeek(out _));   // every report was applied
    }

    private sealed class CommitRecorder : IEventPublisher
    {
        private readonly List<IReadOnlyList<OrderEvent>> _batches = [];

        public IReadOnlyList<IReadOnlyList<OrderEvent>> Batches { get { lock (_batches) return _batches.ToList(); } }

        public void Publish(IReadOnlyList<OrderEvent> committed)
        {
            lock (_batches) _batches.Add(committed.ToList());
        }

        public void Clear()
        {
            lock (_batches) _batches.Clear();
        }
    }
}
