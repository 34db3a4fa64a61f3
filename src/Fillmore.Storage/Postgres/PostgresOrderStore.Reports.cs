// Reads for execution reports (fills with their order's symbol and side, keyset-paged by time)
// and the metrics summary (the queries of PostgresMetricsSql, in one read-only snapshot).
namespace Fillmore.Storage.Postgres;

using System.Data;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Npgsql;

public sealed partial class PostgresOrderStore
{
    public async Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(ExecutionQuery q,
        CancellationToken ct = default)
    {
        var filters = new List<string> { "f.timestamp >= @from", "f.timestamp < @to" };
        var args = new List<(string, object?)> { ("from", SqlText.Of(q.From)), ("to", SqlText.Of(q.To)),
            ("limit", q.Limit) };
        if (q.Trader is { } trader)
        {
            filters.Add("f.trader_id = @t");
            args.Add(("t", trader.Value));
        }
        if (q.After is { } after)
        {
            filters.Add("(f.timestamp > @after_time OR (f.timestamp = @after_time AND f.row_no > @after_seq))");
            args.Add(("after_time", SqlText.Of(after.Fill.Timestamp)));
            args.Add(("after_seq", after.Seq));
        }
        var columns = string.Join(", ", PostgresSql.FillColumns.Split(", ").Select(c => "f." + c));
        return await QueryAsync($"""
            SELECT {columns}, f.row_no, o.symbol, o.side FROM fills f JOIN orders o ON o.row_no = f.order_row
            WHERE {string.Join(" AND ", filters)} ORDER BY f.timestamp, f.row_no LIMIT @limit
            """,
            r => new ExecutionRecord(r.GetInt64(9), PostgresSql.ReadFill(r), Symbol.Of(r.GetString(10)),
                ApiNames.Parse<Side>(r.GetString(11))),
            ct, [.. args]).ConfigureAwait(false);
    }

    public async Task<ExecutionMetrics> MeasureAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        // One repeatable-read transaction: every number describes the same snapshot.
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
            .ConfigureAwait(false);
        var window = new Window(connection, tx, SqlText.Of(from), SqlText.Of(to));
        var (sent,
            failed) = await window.RowAsync(PostgresMetricsSql.Reliability, r => (r.GetInt64(0), r.GetInt64(1)), ct)
                .ConfigureAwait(false);
        var submit = await window.RowAsync(PostgresMetricsSql.SubmitToConfirm, ReadLatency, ct).ConfigureAwait(false);
        var cancel = await window.RowAsync(PostgresMetricsSql.CancelToConfirm, ReadLatency, ct).ConfigureAwait(false);
        var (dupIds, dupAcks, dupFills) = await window.RowAsync(PostgresMetricsSql.Duplicates,
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), ct).ConfigureAwait(false);
        var (atVenue,
            complete) = await window.RowAsync(PostgresMetricsSql.AuditCompleteness, r => (r.GetInt64(0), r.GetInt64(1)),
                ct).ConfigureAwait(false);
        return new ExecutionMetrics(from, to, sent, failed, submit, cancel, dupIds, dupAcks, dupFills, atVenue,
            complete, await window.CountsAsync(PostgresMetricsSql.OrdersByStatus, ct).ConfigureAwait(false),
            await window.CountsAsync(PostgresMetricsSql.RiskRejections, ct).ConfigureAwait(false),
            await window.CountsAsync(PostgresMetricsSql.VenueRejections, ct).ConfigureAwait(false));
    }

    private static LatencySummary ReadLatency(NpgsqlDataReader r) =>
        new(r.GetInt64(0), NullableDouble(r, 1), NullableDouble(r, 2), NullableDouble(r, 3), NullableDouble(r, 4));

    private static double? NullableDouble(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    // The metrics queries all take the same window parameters.
    private sealed record Window(NpgsqlConnection Connection, NpgsqlTransaction Tx, string From, string To)
    {
        public async Task<T> RowAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct) =>
            (await RowsAsync(sql, map, ct).ConfigureAwait(false))[0];

        public async Task<IReadOnlyList<CodeCount>> CountsAsync(string sql, CancellationToken ct) =>
            await RowsAsync(sql, r => new CodeCount(r.GetString(0), r.GetInt64(1)), ct).ConfigureAwait(false);

        private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(sql, Connection, Tx);
            cmd.Parameters.AddWithValue("from", From);
            cmd.Parameters.AddWithValue("to", To);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(map(reader));
            return rows;
        }
    }
}
