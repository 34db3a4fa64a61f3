// An experiment on the store's schema, for --store and --journal (SQLite): the SQL in
// FILLMORE_BENCH_SQL runs on the freshly migrated file before the bots start, e.g. dropping an index
// to measure what it costs the writer (docs/benchmarks.md, "The next lever, measured"). The writer's
// prepared statements are prepared again by SQLite after the schema change. Never the product.
namespace Fillmore.Bench.Micro;

using Microsoft.Data.Sqlite;

internal static class SchemaExperiment
{
    public const string Variable = "FILLMORE_BENCH_SQL";

    public static void Apply(string sqlitePath)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } sql) return;
        using var connection = new SqliteConnection($"Data Source={sqlitePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        Console.WriteLine($"schema experiment ({Variable}): {sql}");
    }

    // FILLMORE_BENCH_KEEP_WAL=DIR copies the file and its WAL there after the window, while the writer
    // is idle and before closing checkpoints the WAL away: scripts/wal-pages reads which B-trees the
    // frames since the last checkpoint wrote (docs/benchmarks.md, "Where the bytes go").
    public static void KeepWal(string sqlitePath)
    {
        if (Environment.GetEnvironmentVariable("FILLMORE_BENCH_KEEP_WAL") is not { Length: > 0 } target) return;
        Directory.CreateDirectory(target);
        File.Copy(sqlitePath, Path.Combine(target, "s.db"), overwrite: true);
        File.Copy(sqlitePath + "-wal", Path.Combine(target, "s.db-wal"), overwrite: true);
        Console.WriteLine($"kept the file and its WAL in {target}");
    }
}
