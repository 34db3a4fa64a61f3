// The journal prototype as the bot loop sees it (JournalBench): commits go to the journal
// (JournalWriter) and are acknowledged when the journal is durable; each committed change is then
// handed to the projection, a real SqliteOrderStore that applies it in larger batches. Reads are
// answered by the projection as it stands: there is no read-your-writes barrier (a read may not see
// a change acknowledged a moment ago). The bot loop only commits.
namespace Fillmore.Bench.Micro;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

internal sealed class JournalStore(JournalWriter journal, IOrderStore projection) : IOrderStore
{
    public ValueTask<CommitResult> CommitAsync(IStoreChange change, CancellationToken ct = default) => journal.SubmitAsync(change);

    public Task<Order?> GetOrderAsync(OrderId id, CancellationToken ct = default) => projection.GetOrderAsync(id, ct);
    public Task<Order?> FindByClientOrderIdAsync(TraderId trader, string clientOrderId, CancellationToken ct = default) =>
        projection.FindByClientOrderIdAsync(trader, clientOrderId, ct);
    public Task<OrderPage> ListOrdersAsync(OrderQuery query, CancellationToken ct = default) => projection.ListOrdersAsync(query, ct);
    public Task<IReadOnlyList<Order>> ListOpenOrdersAsync(CancellationToken ct = default) => projection.ListOpenOrdersAsync(ct);
    public Task<IReadOnlyList<Fill>> GetFillsAsync(OrderId id, CancellationToken ct = default) => projection.GetFillsAsync(id, ct);
    public Task<IReadOnlyList<OrderId>> ListChildIdsAsync(OrderId parent, CancellationToken ct = default) =>
        projection.ListChildIdsAsync(parent, ct);
    public Task<IReadOnlyList<OrderId>> ListOrdersMissingFillsAsync(CancellationToken ct = default) => projection.ListOrdersMissingFillsAsync(ct);
    public Task<IReadOnlyList<OrderId>> ListOrdersInDoubtAsync(CancellationToken ct = default) => projection.ListOrdersInDoubtAsync(ct);
    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OrderId id, CancellationToken ct = default) => projection.GetAuditTrailAsync(id, ct);
    public Task<IReadOnlyList<AuditRow>> ReadAuditChainAsync(long afterId, int limit, CancellationToken ct = default) =>
        projection.ReadAuditChainAsync(afterId, limit, ct);
    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct = default) => projection.ListAuditAsync(query, ct);
    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(ExecutionQuery query, CancellationToken ct = default) =>
        projection.ListExecutionsAsync(query, ct);
    public Task<ExecutionMetrics> MeasureAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        projection.MeasureAsync(from, to, ct);
    public Task<IReadOnlyList<OrderEvent>> GetEventsAsync(TraderId trader, long afterSeq, int limit, CancellationToken ct = default) =>
        projection.GetEventsAsync(trader, afterSeq, limit, ct);
    public Task<LedgerSnapshot> LoadLedgerAsync(TraderId trader, DateOnly tradingDay, CancellationToken ct = default) =>
        projection.LoadLedgerAsync(trader, tradingDay, ct);
    public Task<Account?> GetAccountAsync(TraderId trader, CancellationToken ct = default) => projection.GetAccountAsync(trader, ct);
    public Task<string?> GetControlAsync(string key, CancellationToken ct = default) => projection.GetControlAsync(key, ct);
    public Task<IReadOnlyList<Ghost>> ListGhostsAsync(bool? open = null, CancellationToken ct = default) => projection.ListGhostsAsync(open, ct);
    public Task<Ghost?> GetGhostAsync(OrderId id, CancellationToken ct = default) => projection.GetGhostAsync(id, ct);
}
