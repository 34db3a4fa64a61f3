// Reads the audit chain of a SQLite database file read-only, without opening the store: no
// migrations, no writer, nothing changed. Used by `verify-audit`, which may run beside the
// service (WAL lets a reader in while the writer works) or on a copy of the file.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Audit;
using Microsoft.Data.Sqlite;

public sealed class SqliteAuditReader
{
    private readonly string _connectionString;

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
        return await SqliteSql.ReadAuditChainAsync(connection, afterId, limit, ct).ConfigureAwait(false);
    }

    public Task<AuditVerification> VerifyAsync(int pageSize = AuditTrailCheck.DefaultPageSize,
        CancellationToken ct = default) =>
        AuditTrailCheck.RunAsync(ReadPageAsync, pageSize, ct);
}
