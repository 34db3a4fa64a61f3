// Which node works which orders (several nodes on one shared store). Every order is owned by the
// node that last wrote it; a node keeps its ownership alive with a lease in the store. When a
// node's lease expires (it died, or lost the store), another node claims its non-terminal orders
// and reconciles them with the venue: no order is left stuck, and since every re-send asks the
// venue first and the venue refuses a second order with one id, none is sent twice.
// A single node on its own store owns everything and never loses it (SingleNodeLeases).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public interface IWorkLeases
{
    /// <summary>This node's name in the store (owner of the orders it writes).</summary>
    string NodeId { get; }

    /// <summary>True when other nodes share the store: cached ledgers may be stale, other nodes' orders are
    /// theirs.</summary>
    bool Shared { get; }

    /// <summary>Extends this node's lease. False when it had already expired: other nodes may have claimed its
    /// orders.</summary>
    Task<bool> RenewAsync(CancellationToken ct = default);

    /// <summary>Claims the non-terminal orders (and those in doubt) of every node without a live lease; returns the
    /// ids claimed.</summary>
    Task<IReadOnlyList<OrderId>> ClaimOrphansAsync(CancellationToken ct = default);

    /// <summary>The reconciler's work list: this node's non-terminal orders, its orders in doubt and its orders whose
    /// fills are missing.</summary>
    Task<IReadOnlyList<OrderId>> ListOwnedWorkAsync(CancellationToken ct = default);

    /// <summary>Whether this node owns the order now (reports for other nodes' orders are theirs to apply).</summary>
    Task<bool> OwnsAsync(OrderId id, CancellationToken ct = default);

    /// <summary>The order's version as stored now (null: no such order): a copy remembered with this version is
    /// the stored order, since every write of an order, by any node, raises its version.</summary>
    Task<long?> VersionOfAsync(OrderId id, CancellationToken ct = default);

    /// <summary>Ends the lease at a clean shutdown, so another node claims the orders at once.</summary>
    Task ReleaseAsync(CancellationToken ct = default);
}
