// The seeded fault run against the real executor (issue 17; FixFaultRun draws and runs the schedule).
// The seed is printed first, then each step; FILLMORE_FIX_FAULT_SEED=N replays N's schedule (on real
// time: the same steps, not the same interleaving), otherwise every run draws a new seed. After the
// faults stop and everything has settled, the oracle is FixOracle (the simulation's Auditor over
// executor's own log, denied orders never sent, cash and positions equal to executor's execution
// reports, GET /api/v1/audit/verify). On a failure the order
// it names is told with its trail and what executor's log holds of it.
namespace Fillmore.Api.Tests;

using System.Globalization;
using Fillmore.Core.Orders;
using Xunit.Abstractions;

public sealed class FixFaultRunTests(ITestOutputHelper output)
{
    [QuickFixFact]
    public async Task A_seeded_fault_run_against_executor_loses_duplicates_and_miscounts_nothing()
    {
        var seed = Seed();
        output.WriteLine($"seed {seed} (FILLMORE_FIX_FAULT_SEED={seed} replays this schedule)");
        await using var run = await FixFaultRun.StartAsync(seed, output.WriteLine);
        await run.RunFaultsAsync(steps: 40);
        var settled = await run.SettleAsync();
        var orders = await FixOracle.OrdersAsync(run.Store);
        output.WriteLine($"settled: {settled}; {orders.Count} orders: " + string.Join(", ", orders
            .GroupBy(o => FixFaultRun.InDoubt(o) ? $"{o.Status} in doubt" : o.Status.ToString())
            .Select(g => $"{g.Count()} {g.Key}")));
        foreach (var why in orders.Where(o => o.Reason is not null && o.Status != OrderStatus.Denied)
                     .GroupBy(o => $"{o.Status}: {o.Reason}"))
        {
            output.WriteLine($"  {why.Count()} × {why.Key}; the trail of one of them:");
            await TrailAsync(run, why.First().Id);
        }
        var problem = await FixOracle.CheckAsync(run.Service, run.Executor, run.Acknowledged, FixFaultRun.Traders);
        if (problem is not null) await TellAsync(run, problem);
        Assert.True(problem is null, $"seed {seed}{(settled ? "" : " (did not settle in time)")}: {problem}");
    }

    private async Task TrailAsync(FixFaultRun run, OrderId id)
    {
        foreach (var entry in await run.Store.GetAuditTrailAsync(id))
            output.WriteLine($"    {entry.Record.Timestamp:HH:mm:ss.fff} {entry.Record.Action} {entry.Record.Status} " +
                $"{entry.Record.ErrorCode} {entry.Record.Reason}");
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("FILLMORE_FIX_FAULT_SEED"), CultureInfo.InvariantCulture,
            out var seed) ? seed : Random.Shared.Next(1, 1_000_000);

    // For whoever replays the seed: the order the problem names, its trail, and what executor's log holds of it.
    private async Task TellAsync(FixFaultRun run, string problem)
    {
        var named = System.Text.RegularExpressions.Regex.Match(problem, "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
        if (!named.Success) return;
        var id = new OrderId(Guid.Parse(named.Value));
        output.WriteLine($"order {id}: {await run.Store.GetOrderAsync(id)}");
        await TrailAsync(run, id);
        foreach (var e in run.Executor.Log.Where(e => e.Message.Contains(named.Value, StringComparison.Ordinal)))
            output.WriteLine($"  executor {(e.Outgoing ? "sent" : "got")}: {e.Message.Replace('\u0001', '|')}");
    }
}
