// The writer's reusable commands for the fix_* tables (PostgresBatchSession.Fix.cs), enlisted in
// each batch transaction like the writer's own commands.
namespace Fillmore.Storage.Postgres;

using Npgsql;

internal sealed class PostgresFixCommands : IDisposable
{
    private readonly NpgsqlCommand[] _all;

    public PostgresFixCommands(NpgsqlConnection connection, NpgsqlTransaction? tx)
    {
        Open = Prepare(connection, """
            INSERT INTO fix_sessions (session_id, next_outbound, next_inbound, numbered_since, updated_at)
            VALUES (@session_id, 1, 1, @now, @now) ON CONFLICT (session_id) DO NOTHING
            """);
        InsertMessage = Prepare(connection, """
            INSERT INTO fix_messages (session_id, seq_num, msg_type, order_id, cl_ord_id, sending_time, body)
            VALUES (@session_id, @seq_num, @msg_type, @order_id, @cl_ord_id, @sending_time, @body)
            """);
        LinkOrder = Prepare(connection, """
            INSERT INTO fix_orders (order_id, session_id, cl_ord_id, symbol, side, quantity, first_seq, first_sent)
            VALUES (@order_id, @session_id, @cl_ord_id, @symbol, @side, @quantity, @first_seq, @first_sent)
            ON CONFLICT (order_id) DO NOTHING
            """);
        Advance = Prepare(connection, """
            UPDATE fix_sessions SET next_outbound = GREATEST(next_outbound, @next_outbound), updated_at = @now
            WHERE session_id = @session_id
            """);
        Inbound = Prepare(connection,
            "UPDATE fix_sessions SET next_inbound = @next_inbound, updated_at = @now WHERE session_id = @session_id");
        Reset = Prepare(connection, """
            UPDATE fix_sessions
            SET next_outbound = 1, next_inbound = 1, numbered_since = @numbered_since, updated_at = @now
            WHERE session_id = @session_id
            """);
        DropMessages = Prepare(connection, "DELETE FROM fix_messages WHERE session_id = @session_id");
        ClOrdId = Prepare(connection, "UPDATE fix_orders SET cl_ord_id = @cl_ord_id WHERE order_id = @order_id");
        _all = [Open, InsertMessage, LinkOrder, Advance, Inbound, Reset, DropMessages, ClOrdId];
        Enlist(tx);
    }

    public NpgsqlCommand Open { get; }
    public NpgsqlCommand InsertMessage { get; }
    public NpgsqlCommand LinkOrder { get; }
    public NpgsqlCommand Advance { get; }
    public NpgsqlCommand Inbound { get; }
    public NpgsqlCommand Reset { get; }
    public NpgsqlCommand DropMessages { get; }
    public NpgsqlCommand ClOrdId { get; }

    public void Enlist(NpgsqlTransaction? tx)
    {
        foreach (var cmd in _all) cmd.Transaction = tx;
    }

    public static void Set(NpgsqlCommand cmd, string name, object? value) =>
        cmd.Parameters[name].Value = value ?? DBNull.Value;

    private static NpgsqlCommand Prepare(NpgsqlConnection connection, string sql)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        PostgresSql.DeclareParameters(cmd);
        return cmd;
    }

    public void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
    }
}
