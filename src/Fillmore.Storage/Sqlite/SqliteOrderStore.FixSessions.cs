// The FIX session store on SQLite (IFixSessionStore): writes through the single writer (durable
// when answered), reads on pooled connections beside it.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed partial class SqliteOrderStore : IFixSessionStore
{
    private const string MessageColumns = "session_id, seq_num, msg_type, sending_time, body, order_id, cl_ord_id";

    public async Task<FixSessionRecord> OpenFixSessionAsync(string sessionId, DateTimeOffset now,
        CancellationToken ct = default)
    {
        await FixWriteAsync(new FixSessionOpen(sessionId, now)).ConfigureAwait(false);
        var rows = await QueryAsync("""
            SELECT session_id, next_outbound, next_inbound, numbered_since FROM fix_sessions WHERE session_id = $s
            """, r => new FixSessionRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), SqlText.Time(r.GetString(3))),
            ct, ("$s", sessionId)).ConfigureAwait(false);
        return rows[0];
    }

    public ValueTask AppendFixOutboundAsync(FixOutboundRecord message, CancellationToken ct = default) =>
        FixWriteAsync(new FixSessionAppend(message));

    public ValueTask SaveFixInboundAsync(string sessionId, long nextInbound, CancellationToken ct = default) =>
        FixWriteAsync(new FixSessionInbound(sessionId, nextInbound));

    public async Task<IReadOnlyList<FixOutboundRecord>> ReadFixOutboundAsync(string sessionId, long from, long to,
        int limit, CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT {MessageColumns} FROM fix_messages
            WHERE session_id = $s AND seq_num >= $from AND seq_num <= $to ORDER BY seq_num LIMIT $limit
            """, ReadMessage, ct, ("$s", sessionId), ("$from", from), ("$to", to), ("$limit", limit))
            .ConfigureAwait(false);

    public ValueTask ResetFixSessionAsync(string sessionId, DateTimeOffset sessionStart,
        CancellationToken ct = default) =>
        FixWriteAsync(new FixSessionReset(sessionId, sessionStart));

    public async Task<FixOrderLink?> FindFixOrderAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync("""
            SELECT order_id, session_id, cl_ord_id, symbol, side, quantity FROM fix_orders WHERE order_id = $o
            """, r => new FixOrderLink(new OrderId(Guid.Parse(r.GetString(0))), r.GetString(1), r.GetString(2),
                Symbol.Of(r.GetString(3)), ApiNames.Parse<Side>(r.GetString(4)), r.GetInt64(5)),
            ct, ("$o", id.ToString())).ConfigureAwait(false)).FirstOrDefault();

    public ValueTask SaveFixClOrdIdAsync(OrderId id, string clOrdId, CancellationToken ct = default) =>
        FixWriteAsync(new FixSessionClOrdId(id, clOrdId));

    private static FixOutboundRecord ReadMessage(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), SqlText.Time(r.GetString(3)), r.GetString(4),
        r.IsDBNull(5) ? null : new OrderId(Guid.Parse(r.GetString(5))), r.IsDBNull(6) ? null : r.GetString(6));

    private async ValueTask FixWriteAsync(FixSessionWrite write)
    {
        var result = await _writer.SubmitAsync(write).ConfigureAwait(false);
        if (!result.Ok) throw new InvalidOperationException($"The FIX session store refused a write: {result.Status}.");
    }
}
