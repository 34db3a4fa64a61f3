// The store: the durable source of truth. CommitAsync returns only after the change is durable
// (fsync'd) or refused as a whole; concurrent commits may share one transaction (group commit).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Streaming;

public interface IOrderStore
{
    /// <summary>Commits an order change, an account change or a control change.</summary>
    ValueTask<CommitResult> CommitAsync(IStoreChange change, CancellationToken ct = default);

    Task<Order?> GetOrderAsync(OrderId id, CancellationToken ct = default);
    Task<Order?> FindByClientOrderIdAsync(TraderId trader, string clientOrderId, CancellationToken ct = default);
    Task<OrderPage> ListOrdersAsync(OrderQuery query, CancellationToken ct = default);
    /// <summary>Every order that is not in a terminal status (for recovery and reconciliation).</summary>
    Task<IReadOnlyList<Order>> ListOpenOrdersAsync(CancellationToken ct = default);
    Task<IReadOnlyList<Fill>> GetFillsAsync(OrderId id, CancellationToken ct = default);
    /// <summary>The orders created with <paramref name="parent"/> (a bracket's, OTO's or OCO's exits), oldest
    /// first.</summary>
    Task<IReadOnlyList<OrderId>> ListChildIdsAsync(OrderId parent, CancellationToken ct = default);
    /// <summary>Orders whose recorded fills add up to less than their filled quantity (fill reports were
    /// lost).</summary>
    Task<IReadOnlyList<OrderId>> ListOrdersMissingFillsAsync(CancellationToken ct = default);
    /// <summary>Orders in doubt (Order.InDoubtSince), open or acknowledged by the trader: the venue has not said
    /// yet what it did with them, so reconciliation keeps asking.</summary>
    Task<IReadOnlyList<OrderId>> ListOrdersInDoubtAsync(CancellationToken ct = default);
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OrderId id, CancellationToken ct = default);
    /// <summary>
    /// Every audit row with id &gt; <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>: the
    /// verifier streams the whole table through this. A row that cannot be read back exactly as written comes back
    /// damaged.
    /// </summary>
    Task<IReadOnlyList<AuditRow>> ReadAuditChainAsync(long afterId, int limit, CancellationToken ct = default);
    /// <summary>Audit entries matching the query, in id order after its cursor.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct = default);
    /// <summary>Fills for execution reports, in time order, keyset-paged (see ExecutionQuery).</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(ExecutionQuery query, CancellationToken ct = default);
    /// <summary>The success criteria over the orders created in [<paramref name="from"/>, <paramref name="to"/>)
    /// (docs/metrics.md).</summary>
    Task<ExecutionMetrics> MeasureAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
    /// <summary>The trader's events with Seq &gt; <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<OrderEvent>> GetEventsAsync(TraderId trader, long afterSeq, int limit,
        CancellationToken ct = default);

    /// <summary>The account, positions, realised P&L of <paramref name="tradingDay"/> and open orders of one
    /// trader.</summary>
    Task<LedgerSnapshot> LoadLedgerAsync(TraderId trader, DateOnly tradingDay, CancellationToken ct = default);
    Task<Account?> GetAccountAsync(TraderId trader, CancellationToken ct = default);
    Task<string?> GetControlAsync(string key, CancellationToken ct = default);
    /// <summary>The ghost orders reported so far (see GhostChange), oldest first: the open ones (true), the closed
    /// ones (false) or all (null).</summary>
    Task<IReadOnlyList<Ghost>> ListGhostsAsync(bool? open = null, CancellationToken ct = default);
    Task<Ghost?> GetGhostAsync(OrderId id, CancellationToken ct = default);
}
