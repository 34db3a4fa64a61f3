// The quote a routed fill is measured against: the best single venue's quote when the SMART router
// chose its order's venue, read from the ROUTED audit entry behind its venue, once per order (null: the
// order named its venue, or no venue had a quote).
namespace Fillmore.Api.Reports;

using Fillmore.Api.Contracts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class RoutingBenchmarks(IOrderStore store)
{
    private readonly Dictionary<OrderId, decimal?> _byOrder = [];

    public async ValueTask<decimal?> ForAsync(ExecutionRecord r, CancellationToken ct)
    {
        if (_byOrder.TryGetValue(r.Fill.OrderId, out var known)) return known;
        // A part of a split order was routed with its parent.
        var order = await store.GetOrderAsync(r.Fill.OrderId, ct).ConfigureAwait(false);
        var (routedId, venue) = order is { Role: LegRole.Route, ParentOrderId: { } parent }
            ? (parent, Order.SmartVenue) : (r.Fill.OrderId, order?.Venue ?? r.Fill.Venue);
        decimal? benchmark = null;
        // A held order routed again at its release is measured against the quotes of that moment.
        if (StoredRouting.Behind(await store.GetAuditTrailAsync(routedId, ct).ConfigureAwait(false), venue) is
            var (_, stored))
        {
            var quotes = stored.Considered.Select(o => r.Side == Side.Buy ? o.Ask : o.Bid).OfType<decimal>().ToList();
            if (quotes.Count > 0) benchmark = r.Side == Side.Buy ? quotes.Min() : quotes.Max();
        }
        return _byOrder[r.Fill.OrderId] = benchmark;
    }
}
