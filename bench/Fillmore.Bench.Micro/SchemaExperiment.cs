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
}
