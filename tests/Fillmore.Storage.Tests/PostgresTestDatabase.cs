// One test's own PostgreSQL database and login role (made by PostgresServer.CreateDatabaseAsync),
// dropped with everything in it when the test ends.
namespace Fillmore.Storage.Tests;

/// <param name="AdminConnectionString">The superuser on this database (unpooled).</param>
/// <param name="AppConnectionString">The test's login role (a member of fillmore_app) on this database.</param>
public sealed record PostgresTestDatabase(string Name, string Role, string AdminConnectionString, string AppConnectionString) : IAsyncDisposable
{
    public StoreOptions Options(string nodeId = "node-a", TimeSpan? lease = null) => new()
    {
        Provider = "postgres",
        PostgresConnectionString = AppConnectionString,
        PostgresMigrationConnectionString = AdminConnectionString,
        NodeId = nodeId,
        LeaseDuration = lease ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>The application role, unpooled: what the service itself could run.</summary>
    public string AppUnpooled => PostgresServer.Unpooled(AppConnectionString, null);

    public async ValueTask DisposeAsync()
    {
        var server = PostgresServer.Unpooled(PostgresServer.AdminConnectionString!, null);
        await PostgresServer.ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await PostgresServer.ExecuteAsync(server, $"DROP ROLE IF EXISTS {Role}");
    }
}
