// Applies the provider's migrations (embedded Migrations/<Provider>/NNNN_name.sql, in name order)
// that are not yet recorded in schema_migrations, each in its own transaction with its record.
namespace Fillmore.Storage;

using System.Data.Common;

public static class MigrationRunner
{
    public static IReadOnlyList<string> ScriptsFor(string provider)
    {
        var prefix = $"{typeof(MigrationRunner).Namespace}.Migrations.{provider}.";
        return typeof(MigrationRunner).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <returns>The versions applied by this call.</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DbConnection connection, string provider, string nowText,
        CancellationToken ct = default)
    {
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)", ct)
            .ConfigureAwait(false);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) applied.Add(reader.GetString(0));
        }
        var done = new List<string>();
        foreach (var resource in ScriptsFor(provider))
        {
            var version = resource[(resource.LastIndexOf(provider + ".", StringComparison.Ordinal) + provider.Length
                + 1)..^4];
            if (applied.Contains(version)) continue;
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, tx, Read(resource), ct).ConfigureAwait(false);
            await ExecuteAsync(connection, tx,
                $"INSERT INTO schema_migrations (version, applied_at) VALUES ('{version}', '{nowText}')", ct)
                .ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            done.Add(version);
        }
        return done;
    }

    private static string Read(string resource)
    {
        using var stream = typeof(MigrationRunner).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

}
