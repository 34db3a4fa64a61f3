// docs/metrics.md shows the SQL behind GET /api/v1/metrics/summary so anyone can re-run it with
// sqlite3; it must be the very SQL the service runs, and every query must run as written.
namespace Fillmore.Storage.Tests;

using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

public sealed class MetricsSqlDocumentationTests
{
    public static TheoryData<string> Queries => new(SqliteMetricsSql.All.Select(q => q.Name));

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_documented_sql_is_the_sql_the_service_runs(string name)
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "metrics.md")).ReplaceLineEndings("\n");
        var sql = SqliteMetricsSql.All.Single(q => q.Name == name).Sql.ReplaceLineEndings("\n");
        Assert.Contains("```sql\n" + sql + "\n```", docs);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Each_query_runs_on_an_empty_store(string name)
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-metrics-").FullName;
        try
        {
            using (await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = Path.Combine(dir, "m.db") }, new RecordingPublisher(), TimeProvider.System)) { }
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "m.db")};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = SqliteMetricsSql.All.Single(q => q.Name == name).Sql;
            cmd.Parameters.AddWithValue("$from", "0001-01-01T00:00:00.0000000Z");
            cmd.Parameters.AddWithValue("$to", "9999-12-31T23:59:59.9999999Z");
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(reader.FieldCount >= 2);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Fillmore.slnx not found above the test folder.");
    }
}
