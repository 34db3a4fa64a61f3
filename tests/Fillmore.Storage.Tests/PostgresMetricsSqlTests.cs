// PostgresMetricsSql mirrors SqliteMetricsSql query for query (docs/metrics.md documents the
// SQLite texts): the same names in the same order, and every PostgreSQL text runs as written on a
// migrated database, read by the application role, with the window bound as stored text.
namespace Fillmore.Storage.Tests;

using Fillmore.Storage.Postgres;
using Fillmore.Storage.Sqlite;
using Npgsql;

[RequiresPostgres]
public sealed class PostgresMetricsSqlTests
{
    [Fact]
    public void Each_sqlite_query_has_its_postgres_twin() =>
        Assert.Equal(SqliteMetricsSql.All.Select(q => q.Name), PostgresMetricsSql.All.Select(q => q.Name));

    [StoreFact]
    public async Task Each_query_runs_on_an_empty_store()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        using (await PostgresOrderStore.OpenAsync(db.Options(), new RecordingPublisher(), TimeProvider.System)) { }
        await using var connection = new NpgsqlConnection(db.AppUnpooled);
        await connection.OpenAsync();
        foreach (var (name, sql) in PostgresMetricsSql.All)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("from", "0001-01-01T00:00:00.0000000Z");
            cmd.Parameters.AddWithValue("to", "9999-12-31T23:59:59.9999999Z");
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(reader.FieldCount >= 2, name);
        }
    }
}
