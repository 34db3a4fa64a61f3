// The seeded fault run against the real executor (issue 17; FixFaultRun draws and runs the schedule).
// The seed is printed first, then each step; FILLMORE_FIX_FAULT_SEED=N replays N's schedule (on real
// time: the same steps, not the same interleaving), otherwise every run draws a new seed. After the
// faults stop and everything has settled, the oracle:
//  - the simulation's Auditor, final check: each order reached executor at most once (executor's own
//    log), every acknowledged order is stored, no fill counted twice, cash and positions equal the
//    fills, event sequences gap-free, the audit chain verifies, every order executor took has an
//    EXECUTED entry, and every order is terminal or in doubt with its reason, holding exactly what
//    executor executed for it (quantity and notional; an order in doubt never more);
//  - no order Fillmore denied reached executor;
//  - each trader's cash and positions, as the API shows them, equal what executor's execution reports said;
//  - GET /api/v1/audit/verify says the chain is valid.
namespace Fillmore.Api.Tests;

using System.Globalization;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Simulation;
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
        var record = new QuickFixRecord(run.Executor);
        var orders = (await run.Store.ListOrdersAsync(new OrderQuery(null, null, null, 100_000, 0))).Orders;
        output.WriteLine($"settled: {settled}; {orders.Count} orders: " + string.Join(", ", orders
            .GroupBy(o => FixFaultRun.InDoubt(o) ? $"{o.Status} in doubt" : o.Status.ToString())
            .Select(g => $"{g.Count()} {g.Key}")));
        foreach (var why in orders.Where(o => o.Status is OrderStatus.Failed or OrderStatus.Denied || o.Reason is not null)
                     .GroupBy(o => $"{o.Status}: {o.Reason}"))
            output.WriteLine($"  {why.Count()} × {why.Key}");
        var auditor = new Auditor(record, run.Acknowledged,
            FixFaultRun.Traders.Keys.ToDictionary(t => t, _ => FixFaultRun.StartingCash), inDoubtAllowed: true);
        var problem = await auditor.CheckAsync(run.Store, run.Service.DatabasePath, final: true)
            ?? DeniedNeverSent(orders, record) ?? await LedgersAsync(run, orders, record) ?? await AuditAsync(run);
        if (problem is not null) await TellAsync(run, problem);
        Assert.True(problem is null, $"seed {seed}{(settled ? "" : " (did not settle in time)")}: {problem}");
    }

    // For whoever replays the seed: the order the problem names, its trail, and what executor's log holds of it.
    private async Task TellAsync(FixFaultRun run, string problem)
    {
        var named = System.Text.RegularExpressions.Regex.Match(problem, "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
        if (!named.Success) return;
        var id = new OrderId(Guid.Parse(named.Value));
        output.WriteLine($"order {id}: {await run.Store.GetOrderAsync(id)}");
        foreach (var entry in await run.Store.GetAuditTrailAsync(id))
            output.WriteLine($"  {entry.Record.Timestamp:HH:mm:ss.fff} {entry.Record.Action} {entry.Record.Status} " +
                $"{entry.Record.ErrorCode} {entry.Record.Reason}");
        foreach (var e in run.Executor.Log.Where(e => e.Message.Contains(named.Value, StringComparison.Ordinal)))
            output.WriteLine($"  executor {(e.Outgoing ? "sent" : "got")}: {e.Message.Replace('\u0001', '|')}");
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("FILLMORE_FIX_FAULT_SEED"), CultureInfo.InvariantCulture,
            out var seed) ? seed : Random.Shared.Next(1, 1_000_000);

    private static string? DeniedNeverSent(IReadOnlyList<Order> orders, QuickFixRecord record) =>
        orders.Where(o => o.Status == OrderStatus.Denied)
            .FirstOrDefault(o => record.Taken.GetValueOrDefault(o.Id.ToString()) > 0) is { } sent
            ? $"order {sent.Id} was denied by Fillmore yet reached executor" : null;

    // What executor's execution reports said, per trader: positions by symbol and the cash they cost.
    private static async Task<string?> LedgersAsync(FixFaultRun run, IReadOnlyList<Order> orders, QuickFixRecord record)
    {
        foreach (var (trader, key) in FixFaultRun.Traders)
        {
            var cash = FixFaultRun.StartingCash;
            var positions = new Dictionary<string, long>();
            foreach (var order in orders.Where(o => o.TraderId.Value == trader))
            {
                var (quantity, notional) = record.Executed(order.Id.ToString());
                var sign = order.Spec.Side == Side.Buy ? 1 : -1;
                cash -= sign * notional;
                positions[order.Spec.Symbol.Value] = positions.GetValueOrDefault(order.Spec.Symbol.Value) + sign * quantity;
            }
            var account = await (await run.Service.ClientFor(key).GetAsync("/api/v1/account")).JsonAsync();
            var shown = account.GetProperty("positions").EnumerateArray()
                .ToDictionary(p => p.Str("symbol"), p => p.GetProperty("quantity").GetInt64());
            if (account.GetProperty("cash").GetDecimal() != cash)
                return $"{trader}: cash {account.GetProperty("cash")}, executor's reports say {cash}";
            if (positions.Where(p => p.Value != 0).Any(p => shown.GetValueOrDefault(p.Key) != p.Value)
                || shown.Any(s => positions.GetValueOrDefault(s.Key) != s.Value))
                return $"{trader}: positions {string.Join(",", shown)}, executor's reports say {string.Join(",", positions)}";
        }
        return null;
    }

    private static async Task<string?> AuditAsync(FixFaultRun run)
    {
        var verdict = await (await run.Service.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit/verify"))
            .JsonAsync();
        return verdict.GetProperty("valid").GetBoolean() ? null : $"GET /api/v1/audit/verify: {verdict}";
    }
}
