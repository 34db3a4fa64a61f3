// The writer's prepared statements for the fix_* tables (SqliteBatchSession.Fix.cs).
namespace Fillmore.Storage.Sqlite;

using Microsoft.Data.Sqlite;

internal sealed class SqliteFixStatements : IDisposable
{
    public SqliteFixStatements(SqliteConnection connection)
    {
        Open = new(connection, """
            INSERT INTO fix_sessions (session_id, next_outbound, next_inbound, numbered_since, updated_at)
            VALUES ($session_id, 1, 1, $now, $now) ON CONFLICT (session_id) DO NOTHING
            """);
        InsertMessage = new(connection, """
            INSERT INTO fix_messages (session_id, seq_num, msg_type, order_id, cl_ord_id, sending_time, body)
            VALUES ($session_id, $seq_num, $msg_type, $order_id, $cl_ord_id, $sending_time, $body)
            """);
        LinkOrder = new(connection, """
            INSERT INTO fix_orders (order_id, session_id, cl_ord_id, symbol, side, quantity, first_seq, first_sent)
            VALUES ($order_id, $session_id, $cl_ord_id, $symbol, $side, $quantity, $first_seq, $first_sent)
            ON CONFLICT (order_id) DO NOTHING
            """);
        Advance = new(connection, """
            UPDATE fix_sessions SET next_outbound = MAX(next_outbound, $next_outbound), updated_at = $now
            WHERE session_id = $session_id
            """);
        Inbound = new(connection,
            "UPDATE fix_sessions SET next_inbound = $next_inbound, updated_at = $now WHERE session_id = $session_id");
        Reset = new(connection, """
            UPDATE fix_sessions
            SET next_outbound = 1, next_inbound = 1, numbered_since = $numbered_since, updated_at = $now
            WHERE session_id = $session_id
            """);
        DropMessages = new(connection, "DELETE FROM fix_messages WHERE session_id = $session_id");
        ClOrdId = new(connection, "UPDATE fix_orders SET cl_ord_id = $cl_ord_id WHERE order_id = $order_id");
    }

    public SqliteStatement Open { get; }
    public SqliteStatement InsertMessage { get; }
    public SqliteStatement LinkOrder { get; }
    public SqliteStatement Advance { get; }
    public SqliteStatement Inbound { get; }
    public SqliteStatement Reset { get; }
    public SqliteStatement DropMessages { get; }
    public SqliteStatement ClOrdId { get; }

    public void Dispose()
    {
        SqliteStatement[] all = [Open, InsertMessage, LinkOrder, Advance, Inbound, Reset, DropMessages, ClOrdId];
        foreach (var statement in all) statement.Dispose();
    }
}
