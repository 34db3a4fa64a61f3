// Builds a database as an older release left it: the provider's migrations applied in order up to
// (not including) a given one, each recorded in schema_migrations as MigrationRunner records it,
// so opening the store afterwards applies only the newer ones.
namespace Fillmore.Storage.Tests;

using System.Data.Common;

public static class OldMigrations
{
    public static async Task ApplyAsync(DbConnection connection, string provider, string stopBefore)
    {
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, "
            + "applied_at TEXT NOT NULL)");
        foreach (var resource in MigrationRunner.ScriptsFor(provider))
        {
            var version = resource.Split('.')[^2];
            if (string.CompareOrdinal(version, stopBefore) >= 0) break;
            await using var stream = typeof(MigrationRunner).Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            await ExecuteAsync(connection, await reader.ReadToEndAsync());
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, applied_at) VALUES ('{version}', "
                + "'2026-01-01T00:00:00.0000000Z')");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
