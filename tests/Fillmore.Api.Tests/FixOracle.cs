// What every FIX scenario run through the engine ends with (issue 17), against a real QuickFIX
// acceptor's own log: the simulation's Auditor, final check (each order reached the venue at most
// once, every acknowledged order stored, no fill counted twice, ledgers equal the fills, event
// sequences gap-free, the audit chain verifies, every order the venue took has an EXECUTED entry,
// every order terminal or in doubt with its reason and holding exactly what the venue executed);
// no denied order reached the venue; each trader's cash and positions, as the API shows them, equal
// what the venue's execution reports said; and GET /api/v1/audit/verify says valid. Null when all hold.
namespace Fillmore.Api.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Simulation;
using Fillmore.Venues.Tests.Fix;
using Microsoft.Extensions.DependencyInjection;

public static class FixOracle
{
    /// <summary>The Development demo traders, with the cash their accounts are seeded with.</summary>
    public static readonly IReadOnlyDictionary<string, (string Key, decimal Cash)> DemoTraders =
        new Dictionary<string, (string, decimal)>
        {
            ["alice"] = (FillmoreFactory.Alice, 100_000m), ["bob"] = (FillmoreFactory.Bob, 100_000m),
        };

    /// <param name="acknowledged">The orders the service answered 201 or 200 for.</param>
    /// <param name="traders">Each trader audited: API key and starting cash.</param>
    public static Task<string?> CheckAsync(FillmoreFactory service, QuickFixAcceptor venue,
        IReadOnlyList<OrderId> acknowledged, IReadOnlyDictionary<string, (string Key, decimal Cash)> traders) =>
        CheckAsync(service, [venue], acknowledged, traders);

    /// <param name="venues">Every venue's acceptor: an order taken by two counts twice, fills are summed.</param>
    public static async Task<string?> CheckAsync(FillmoreFactory service, IReadOnlyList<QuickFixAcceptor> venues,
        IReadOnlyList<OrderId> acknowledged, IReadOnlyDictionary<string, (string Key, decimal Cash)> traders)
    {
        var store = service.Services.GetRequiredService<IOrderStore>();
        var record = venues.Count == 1 ? (IVenueRecord)new QuickFixRecord(venues[0])
            : new VenueSetRecord(venues.Select(v => (IVenueRecord)new QuickFixRecord(v)).ToList());
        var orders = await OrdersAsync(store);
        var auditor = new Auditor(record, acknowledged, traders.ToDictionary(t => t.Key, t => t.Value.Cash),
            inDoubtAllowed: true);
        return await auditor.CheckAsync(store, service.DatabasePath, final: true)
            ?? DeniedNeverSent(orders, record) ?? await LedgersAsync(service, orders, record, traders)
            ?? await AuditAsync(service);
    }

    public static async Task<IReadOnlyList<Order>> OrdersAsync(IOrderStore store) =>
        (await store.ListOrdersAsync(new OrderQuery(null, null, null, 100_000, 0))).Orders;

    private static string? DeniedNeverSent(IReadOnlyList<Order> orders, IVenueRecord record) =>
        orders.Where(o => o.Status == OrderStatus.Denied)
            .FirstOrDefault(o => record.Taken.GetValueOrDefault(o.Id.ToString()) > 0) is { } sent
            ? $"order {sent.Id} was denied by Fillmore yet reached the venue" : null;

    // What the venue's execution reports said, per trader: positions by symbol and the cash they cost.
    private static async Task<string?> LedgersAsync(FillmoreFactory service, IReadOnlyList<Order> orders,
        IVenueRecord record, IReadOnlyDictionary<string, (string Key, decimal Cash)> traders)
    {
        foreach (var (trader, (key, cash)) in traders)
        {
            var (expectedCash, positions) = (cash, new Dictionary<string, long>());
            foreach (var order in orders.Where(o => o.TraderId.Value == trader))
            {
                var (quantity, notional) = record.Executed(order.Id.ToString());
                var sign = order.Spec.Side == Side.Buy ? 1 : -1;
                expectedCash -= sign * notional;
                positions[order.Spec.Symbol.Value] = positions.GetValueOrDefault(order.Spec.Symbol.Value)
                    + sign * quantity;
            }
            var account = await (await service.ClientFor(key).GetAsync("/api/v1/account")).JsonAsync();
            var shown = account.GetProperty("positions").EnumerateArray()
                .ToDictionary(p => p.Str("symbol"), p => p.GetProperty("quantity").GetInt64());
            if (account.GetProperty("cash").GetDecimal() != expectedCash)
                return $"{trader}: cash {account.GetProperty("cash")}, the venue's reports say {expectedCash}";
            if (positions.Any(p => shown.GetValueOrDefault(p.Key) != p.Value)
                || shown.Any(s => positions.GetValueOrDefault(s.Key) != s.Value))
                return $"{trader}: positions {string.Join(",", shown)}, " +
                    $"the venue's reports say {string.Join(",", positions)}";
        }
        return null;
    }

    private static async Task<string?> AuditAsync(FillmoreFactory service)
    {
        var verdict = await (await service.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit/verify"))
            .JsonAsync();
        return verdict.GetProperty("valid").GetBoolean() ? null : $"GET /api/v1/audit/verify: {verdict}";
    }
}
