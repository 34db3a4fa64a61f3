// Reading the audit trail beyond one order: the whole chain in id pages (for the verifier) and
// filtered, cursor-paged queries (GET /api/v1/audit). The WHERE clause is built from fixed
// fragments for the filters present, so each query can use the index that fits it. Both read no
// further than the settled horizon (PostgresAuditHorizon), so paging by id never passes an entry
// that a writer on another node has yet to commit.
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed partial class PostgresOrderStore
{
    public async Task<IReadOnlyList<AuditRow>> ReadAuditChainAsync(long afterId, int limit,
        CancellationToken ct = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await PostgresSql.ReadAuditChainAsync(connection, afterId, limit, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery q, CancellationToken ct = default)
    {
        long settled;
        await using (var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
            settled = await PostgresAuditHorizon.SettledAsync(connection, ct).ConfigureAwait(false);
        var filters = new List<string> { "id > @after", "id <= @settled" };
        var args = new List<(string, object?)> { ("after", q.AfterId), ("settled", settled), ("limit", q.Limit) };
        void Filter(string sql, string name, object? value)
        {
            if (value is null) return;
            filters.Add(sql);
            args.Add((name, value));
        }
        Filter("trader_id = @t", "t", q.Trader?.Value);
        Filter("symbol = @y", "y", q.Symbol?.Value);
        Filter("action = @a", "a", q.Action is { } a ? ApiNames.Of(a) : null);
        Filter(PostgresSql.AuditOfOrder, "o", q.OrderId?.ToString());
        Filter("timestamp >= @from", "from", q.From is { } from ? SqlText.Of(from) : null);
        Filter("timestamp < @to", "to", q.To is { } to ? SqlText.Of(to) : null);
        return await QueryAsync($"SELECT {PostgresSql.AuditColumns} FROM execution_log WHERE "
            + $"{string.Join(" AND ", filters)} ORDER BY id LIMIT @limit",
            PostgresSql.ReadAudit, ct, [.. args]).ConfigureAwait(false);
    }
}
