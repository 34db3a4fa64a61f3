// What a store counts of its open orders, for the open-orders gauge on /metrics. The count covers
// the whole store (every node's orders on a shared one) and must stay cheap as closed orders pile
// up: both stores answer it from their partial index of open orders (ix_orders_open), so it costs
// what the open orders cost, not the whole table.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public interface IOpenOrderCount
{
    /// <summary>How many orders are in each open status now; a status with none is left out.</summary>
    Task<IReadOnlyDictionary<OrderStatus, long>> CountOpenOrdersAsync(CancellationToken ct = default);
}
