// The contract on a real PostgreSQL server: each test on a fresh database, the store migrating as
// the superuser and working as a login role in fillmore_app (as deployed). Raw SQL runs as that
// application role too, so "the database refuses" means what it would mean in production.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Ports;
using Fillmore.Storage.Postgres;

[RequiresPostgres]
public sealed class PostgresOrderStoreTests : OrderStoreContract
{
    private PostgresTestDatabase? _database;

    protected override async Task<IOrderStore> OpenAsync(bool reopen)
    {
        _database ??= await PostgresServer.CreateDatabaseAsync();
        return await PostgresOrderStore.OpenAsync(_database.Options(), Published, TimeProvider.System);
    }

    protected override Task CloseAsync(IOrderStore store)
    {
        ((PostgresOrderStore)store).Dispose();
        return Task.CompletedTask;
    }

    protected override Task ExecuteRawAsync(string sql) => PostgresServer.ExecuteAsync(_database!.AppUnpooled, sql);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    [StoreFact]
    public async Task Migrations_are_recorded_in_order()
    {
        var recorded = await PostgresServer.ScalarAsync(_database!.AdminConnectionString,
            "SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations");
        var expected = MigrationRunner.ScriptsFor("Postgres").Select(r => r.Split('.')[^2]).ToList();
        Assert.Equal(["0001_initial", "0002_leases_and_grants"], expected.Take(2));
        Assert.Equal(string.Join(",", expected), recorded);
    }
}
