namespace Fillmore.Storage.Tests;

using Fillmore.Core.Ports;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

public sealed class SqliteOrderStoreTests : OrderStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-store-").FullName;
    private string DbPath => Path.Combine(_dir, "fillmore.db");

    protected override async Task<IOrderStore> OpenAsync(bool reopen) =>
        await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = DbPath }, Published, TimeProvider.System);

    protected override Task CloseAsync(IOrderStore store)
    {
        ((SqliteOrderStore)store).Dispose();
        return Task.CompletedTask;
    }

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_migrations_recorded()
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await cmd.ExecuteScalarAsync())!);
        cmd.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version)";
        var expected = MigrationRunner.ScriptsFor("Sqlite").Select(r => r.Split('.')[^2]).ToList();
        Assert.Equal(["0001_initial", "0002_ledger"], expected.Take(2));
        Assert.Equal(string.Join(",", expected), (string)(await cmd.ExecuteScalarAsync())!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
