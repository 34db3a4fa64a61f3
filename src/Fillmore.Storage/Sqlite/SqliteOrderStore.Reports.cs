// Reads for execution reports (fills with their order's symbol and side, keyset-paged by time)
// and the metrics summary (the queries of SqliteMetricsSql, run on one read connection).
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Data.Sqlite;

public sealed partial class SqliteOrderStore
{
    public async Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(ExecutionQuery q,
        CancellationToken ct = default)
    {
        var filters = new List<string> { "f.timestamp >= $from", "f.timestamp < $to" };
        var args = new List<(string, object?)> { ("$from", SqlText.Of(q.From)), ("$to", SqlText.Of(q.To)),
            ("$limit", q.Limit) };
        if (q.Trader is { } trader)
        {
            filters.Add("f.trader_id = $t");
            args.Add(("$t", trader.Value));
        }
        if (q.After is { } after)
        {
            filters.Add("(f.timestamp > $after_time OR (f.timestamp = $after_time AND f.rowid > $after_seq))");
            args.Add(("$after_time", SqlText.Of(after.Fill.Timestamp)));
            args.Add(("$after_seq", after.Seq));
        }
        var columns = string.Join(", ", SqliteSql.FillColumns.Split(", ").Select(c => "f." + c));
        return await QueryAsync($"""
            SELECT {columns}, f.rowid, o.symbol, o.side FROM fills f JOIN orders o ON o.row_no = f.order_row
            WHERE {string.Join(" AND ", filters)} ORDER BY f.timestamp, f.rowid LIMIT $limit
            """,
            r => new ExecutionRecord(r.GetInt64(9), SqliteSql.ReadFill(r), Symbol.Of(r.GetString(10)),
                ApiNames.Parse<Side>(r.GetString(11))),
            ct, [.. args]).ConfigureAwait(false);
    }

    public async Task<ExecutionMetrics> MeasureAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // One deferred (read) transaction: every number describes the same snapshot, and the writer is never blocked.
        using var tx = connection.BeginTransaction(deferred: true);
        var window = new Window(connection, tx, SqlText.Of(from), SqlText.Of(to));
        var (sent,
            failed) = await window.RowAsync(SqliteMetricsSql.Reliability, r => (r.GetInt64(0), r.GetInt64(1)), ct)
                .ConfigureAwait(false);
        var submit = await window.RowAsync(SqliteMetricsSql.SubmitToConfirm, ReadLatency, ct).ConfigureAwait(false);
        var cancel = await window.RowAsync(SqliteMetricsSql.CancelToConfirm, ReadLatency, ct).ConfigureAwait(false);
        var (dupIds, dupAcks, dupFills) = await window.RowAsync(SqliteMetricsSql.Duplicates,
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), ct).ConfigureAwait(false);
        var (atVenue,
            complete) = await window.RowAsync(SqliteMetricsSql.AuditCompleteness, r => (r.GetInt64(0), r.GetInt64(1)),
                ct).ConfigureAwait(false);
        return new ExecutionMetrics(from, to, sent, failed, submit, cancel, dupIds, dupAcks, dupFills, atVenue,
            complete, await window.CountsAsync(SqliteMetricsSql.OrdersByStatus, ct).ConfigureAwait(false),
            await window.CountsAsync(SqliteMetricsSql.RiskRejections, ct).ConfigureAwait(false),
            await window.CountsAsync(SqliteMetricsSql.VenueRejections, ct).ConfigureAwait(false));
    }

    private static LatencySummary ReadLatency(SqliteDataReader r) =>
        new(r.GetInt64(0), NullableDouble(r, 1), NullableDouble(r, 2), NullableDouble(r, 3), NullableDouble(r, 4));

    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    // The metrics queries all take the same window parameters.
    private sealed record Window(SqliteConnection Connection, SqliteTransaction Tx, string From, string To)
    {
        public async Task<T> RowAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken ct) =>
            (await RowsAsync(sql, map, ct).ConfigureAwait(false))[0];

        public async Task<IReadOnlyList<CodeCount>> CountsAsync(string sql, CancellationToken ct) =>
            await RowsAsync(sql, r => new CodeCount(r.GetString(0), r.GetInt64(1)), ct).ConfigureAwait(false);

        private async Task<List<T>> RowsAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken ct)
        {
            await using var cmd = Connection.CreateCommand();
            cmd.Transaction = Tx;
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$from", From);
            cmd.Parameters.AddWithValue("$to", To);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(map(reader));
            return rows;
        }
    }
}
