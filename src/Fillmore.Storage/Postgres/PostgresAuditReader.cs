// Reads the audit chain of a PostgreSQL database without opening the store: no migrations, no
// writer, and a read-only session (default_transaction_read_only), so nothing can be changed.
// Used by `verify-audit --postgres`, which a compliance officer may run with a role that can only
// read execution_log.
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Audit;
using Npgsql;

public sealed class PostgresAuditReader
{
    private readonly string _connectionString;
    private bool? _orderKeys;

    private PostgresAuditReader(string connectionString) => _connectionString = connectionString;

    /// <exception cref="ArgumentException">Not a connection string.</exception>
    public static PostgresAuditReader Open(string connectionString) =>
        new(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Options = "-c default_transaction_read_only=on", Pooling = false,
        }.ConnectionString);

    /// <summary>The store's audit partition count; null for a database written before partitions.</summary>
    public async Task<int?> PartitionsAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // A role that may read execution_log alone verifies the chains; with audit_heads readable too, every entry
        // is also checked to sit in its trader's partition.
        await using var cmd = new NpgsqlCommand("SELECT to_regclass('audit_heads') IS NOT NULL "
            + "AND has_table_privilege('audit_heads', 'SELECT')", connection);
        if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true) return null;
        var count = await AuditHeadsSetup.CountAsync(connection, ct).ConfigureAwait(false);
        return count == 0 ? null : count;
    }

    public async Task<IReadOnlyList<AuditRow>> ReadPageAsync(long afterId, int limit, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        var orderKeys = _orderKeys ??= await HasOrderKeysAsync(connection, ct).ConfigureAwait(false);
        return await PostgresSql.ReadAuditChainAsync(connection, afterId, limit, ct, orderKeys).ConfigureAwait(false);
    }

    // Entries' order keys are checked where the table has them (a database from before them has none) and the
    // role may read orders; a role that may read execution_log alone verifies the chains.
    private static async Task<bool> HasOrderKeysAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                           AND table_name = 'execution_log' AND column_name = 'order_row')
               AND has_table_privilege('orders', 'SELECT')
            """, connection);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
    }
}
