// Reading the audit trail beyond one order: the whole chain in id pages (for the verifier) and
// filtered, cursor-paged queries (GET /api/v1/audit). The WHERE clause is built from fixed
// fragments for the filters present, so each query can use the index that fits it.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Data.Sqlite;

public sealed partial class SqliteOrderStore
{
    public async Task<IReadOnlyList<AuditRow>> ReadAuditChainAsync(long afterId, int limit,
        CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return await SqliteSql.ReadAuditChainAsync(connection, afterId, limit, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery q, CancellationToken ct = default)
    {
        var filters = new List<string> { "id > $after" };
        var args = new List<(string, object?)> { ("$after", q.AfterId), ("$limit", q.Limit) };
        void Filter(string sql, string name, object? value)
        {
            if (value is null) return;
            filters.Add(sql);
            args.Add((name, value));
        }
        Filter("trader_id = $t", "$t", q.Trader?.Value);
        Filter("symbol = $y", "$y", q.Symbol?.Value);
        Filter("action = $a", "$a", q.Action is { } a ? ApiNames.Of(a) : null);
        Filter(SqliteSql.AuditOfOrder, "$o", q.OrderId?.ToString());
        Filter("timestamp >= $from", "$from", q.From is { } from ? SqlText.Of(from) : null);
        Filter("timestamp < $to", "$to", q.To is { } to ? SqlText.Of(to) : null);
        return await QueryAsync($"SELECT {SqliteSql.AuditColumns} FROM execution_log WHERE "
            + $"{string.Join(" AND ", filters)} ORDER BY id LIMIT $limit",
            SqliteSql.ReadAudit, ct, [.. args]).ConfigureAwait(false);
    }
}
