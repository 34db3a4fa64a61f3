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

    [StoreFact]
    public async Task A_duplicate_in_a_batch_refuses_only_itself()
    {
        var first = NewOrder();
        await Store.CommitAsync(Created(first));
        // Submitted together, so they share batches: each duplicate aborts its PostgreSQL transaction,
        // the batch is retried change by change, and only the duplicates are refused.
        var changes = Enumerable.Range(0, 60).Select(i => i % 6 == 0 ? Created(first) : Created(NewOrder(trader: i % 2 == 0 ? "alice" : "bob")));
        var results = await Task.WhenAll(changes.Select(c => Store.CommitAsync(c).AsTask()));
        Assert.Equal((10, 50), (results.Count(r => r.Status == CommitStatus.DuplicateOrderId), results.Count(r => r.Ok)));
        foreach (var trader in new[] { "alice", "bob" })
        {
            var events = await Store.GetEventsAsync(new Fillmore.Core.Orders.TraderId(trader), 0, 1000);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        }
        var verdict = await Fillmore.Core.Audit.AuditTrailCheck.RunAsync(Store.ReadAuditChainAsync);
        Assert.Equal((true, 51L), (verdict.Valid, verdict.Entries));
    }

    [StoreFact]
    public async Task The_writer_connects_again_when_the_server_drops_its_connection()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var terminated = await PostgresServer.ScalarAsync(_database!.AdminConnectionString, """
            SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE application_name LIKE 'fillmore-writer:%' AND datname = current_database()
            """);
        Assert.Equal(1L, terminated);
        Assert.True((await Store.CommitAsync(Acknowledged(order))).Ok);
        Assert.Equal(2, (await Store.GetOrderAsync(order.Id))!.Version);
    }
}
