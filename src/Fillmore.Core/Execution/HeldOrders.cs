// The one owner of what this process holds for its traders: the held orders whose triggers it
// watches (emulated stops, trailing stops, exits), by symbol. Armed when an order is created held
// and re-armed from the store at start-up, before new orders are accepted; disarmed when it leaves
// HELD. Whether an order is held is the store's fact (status HELD); this is only who watches it.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using Fillmore.Core.Orders;

public sealed class HeldOrders
{
    private readonly ConcurrentDictionary<OrderId, Symbol> _armed = new();

    public void Arm(Order order)
    {
        if (order.Status == OrderStatus.Held) _armed[order.Id] = order.Spec.Symbol;
    }

    public void Disarm(OrderId id) => _armed.TryRemove(id, out _);

    public bool IsArmed(OrderId id) => _armed.ContainsKey(id);

    public int Count => _armed.Count;

    /// <summary>The held orders watched on <paramref name="symbol"/> (every one when null), in a stable
    /// order.</summary>
    public IReadOnlyList<OrderId> On(Symbol? symbol) =>
        _armed.Where(a => symbol is null || a.Value == symbol).Select(a => a.Key).OrderBy(id => id.Value).ToList();
}
