// The reconciliation property end to end: the property itself is decided by the pure deciders in
// Core (Fillmore.Core.Tests/Decisions/ReconciliationProperty, 1,000 cases per run); here a few
// cases check that the engine's plumbing (gates, the store, the ledger) carries it out the same
// way: whatever happens to a venue's reports on the way, applying what arrives and then
// reconciling leaves exactly the venue's executions recorded, once each, with the order's filled
// quantity and the trader's position equal to the venue's.
namespace Fillmore.Api.Tests;

using FsCheck;
using FsCheck.Xunit;
using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Simulation;
using Fillmore.Venues.Simulated;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

public sealed class ReconciliationProperties
{
    [Property(MaxTest = 30)]
    public async Task Any_delivery_of_the_reports_then_reconciliation_equals_the_venues_truth(PositiveInt seed, NonEmptyArray<int> delivery)
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-prop-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        using var venue = new SimulatedVenue(new SimulatedVenueOptions { Seed = seed.Get, PartialFills = true }, time);
        venue.SetFaults(new SimulatedFaults { DropReport = 1 });          // the engine hears nothing by itself
        var engine = await Engine.StartAsync(Path.Combine(dir, "p.db"), venue, time, new SeededIdGenerator(new Random(seed.Get)));
        try
        {
            var alice = new TraderId("alice");
            await engine.Accounts.UpdateAsync(alice, a => a with { Cash = 1_000_000m, Limits = new RiskLimits(100_000, 1e9m, 1e9m, 100, 1e9m, false) });
            var submitted = await engine.Orders.SubmitAsync(alice, new OrderDraft("AAPL", "BUY", 300, "MARKET", null, null, "GTC", null, null, null));
            var id = Assert.IsType<Core.Execution.SubmitResult.Created>(submitted).Order.Id;
            await engine.Coordinator.DrainAsync();
            for (var i = 0; i < 400 && venue.AllOrders().Single().Status == VenueOrderStatus.Working; i++) time.Advance(TimeSpan.FromSeconds(1));
            var truth = venue.AllOrders().Single();

            foreach (var pick in delivery.Get)                              // reordered, repeated, and most likely incomplete
                await engine.Coordinator.ApplyReportAsync(truth.Executions[Math.Abs(pick % truth.Executions.Count)]);
            var interim = await engine.Store.GetFillsAsync(id);
            Assert.Equal(interim.Count, interim.Select(f => f.ExecutionId).Distinct().Count());
            await engine.Coordinator.ReconcileAllAsync();

            var order = (await engine.Store.GetOrderAsync(id))!;
            var fills = await engine.Store.GetFillsAsync(id);
            Assert.Equal(truth.Executions.Select(e => e.ExecutionId).Order(), fills.Select(f => f.ExecutionId).Order());
            Assert.Equal((300L, OrderStatus.Filled), (order.FilledQuantity, order.Status));
            var position = (await engine.Store.LoadLedgerAsync(alice, new DateOnly(2026, 11, 24))).Positions.Single();
            Assert.Equal(truth.Executions.Sum(e => e.LastQuantity), position.Quantity);
        }
        finally
        {
            engine.Dispose();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
