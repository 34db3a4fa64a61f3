// Reads the audit chain of a SQLite database file read-only, without opening the store: no
// migrations, no writer, nothing changed. Used by `verify-audit` and `fillmore audit verify --db`,
// which may run beside the service (WAL lets a reader in while the writer works) or on a copy of the file.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Audit;
using Microsoft.Data.Sqlite;

public sealed class SqliteAuditReader
{
    private readonly string _connectionString;
    private bool? _orderKeys;

    private SqliteAuditReader(string connectionString) => _connectionString = connectionString;

    /// <exception cref="FileNotFoundException">No database at <paramref name="path"/>.</exception>
    public static SqliteAuditReader Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"No database at {full}.", full);
        return new SqliteAuditReader(new SqliteConnectionStringBuilder { DataSource = full,
            Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }

    public async Task<IReadOnlyList<AuditRow>> ReadPageAsync(long afterId, int limit, CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        var orderKeys = _orderKeys ??= await HasOrderKeysAsync(connection, ct).ConfigureAwait(false);
        return await SqliteSql.ReadAuditChainAsync(connection, afterId, limit, ct, orderKeys).ConfigureAwait(false);
    }

    // A file from before order keys (never opened by this version) has none to check.
    private static async Task<bool> HasOrderKeysAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM pragma_table_info('execution_log') WHERE name = 'order_row'";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The id of the newest entry (0: none), read from the key alone: what a progress bar counts up
    /// to.</summary>
    public async Task<long> LastIdAsync(CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(id), 0) FROM execution_log";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The store's audit partition count; null for a database written before partitions (or never
    /// opened since), whose trail is the legacy chain alone.</summary>
    public async Task<int?> PartitionsAsync(CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_heads'";
        if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture) == 0) return null;
        var count = await AuditHeadsSetup.CountAsync(connection, ct).ConfigureAwait(false);
        return count == 0 ? null : count;
    }

    public async Task<AuditVerification> VerifyAsync(int pageSize = AuditTrailCheck.DefaultPageSize,
        CancellationToken ct = default) =>
        await AuditTrailCheck.RunAsync(ReadPageAsync, pageSize, ct, await PartitionsAsync(ct).ConfigureAwait(false))
            .ConfigureAwait(false);
}
