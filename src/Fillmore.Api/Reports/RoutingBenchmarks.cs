// The quote a routed fill is measured against: the best single venue's quote when the SMART router
// chose its order's venue, read from the order's ROUTED audit entry, once per order (null: the
// order named its venue, or no venue had a quote).
namespace Fillmore.Api.Reports;

using System.Text.Json;
using Fillmore.Api.Contracts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class RoutingBenchmarks(IOrderStore store)
{
    private readonly Dictionary<OrderId, decimal?> _byOrder = [];

    public async ValueTask<decimal?> ForAsync(ExecutionRecord r, CancellationToken ct)
    {
        if (_byOrder.TryGetValue(r.Fill.OrderId, out var known)) return known;
        // A part of a split order was routed with its parent.
        var routedId = await store.GetOrderAsync(r.Fill.OrderId, ct).ConfigureAwait(false) is
            { Role: LegRole.Route, ParentOrderId: { } parent } ? parent : r.Fill.OrderId;
        var routed = (await store.GetAuditTrailAsync(routedId, ct).ConfigureAwait(false))
            .FirstOrDefault(e => e.Record.Action == AuditAction.Routed);
        decimal? benchmark = null;
        if (routed?.Record.Reason is { } json
            && JsonSerializer.Deserialize(json, FillmoreJsonContext.Web.StoredRouting) is { } stored)
        {
            var quotes = stored.Considered.Select(o => r.Side == Side.Buy ? o.Ask : o.Bid).OfType<decimal>().ToList();
            if (quotes.Count > 0) benchmark = r.Side == Side.Buy ? quotes.Min() : quotes.Max();
        }
        return _byOrder[r.Fill.OrderId] = benchmark;
    }
}
