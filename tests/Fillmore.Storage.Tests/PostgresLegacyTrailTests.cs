// LegacyTrailContract on PostgreSQL: the schema before 0011_audit_partitions built by running the
// earlier migrations as the schema owner; the store then migrates as the owner and works as a
// login role in fillmore_app, as deployed.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;
using Fillmore.Storage.Postgres;
using Npgsql;

[RequiresPostgres]
public sealed class PostgresLegacyTrailTests : LegacyTrailContract
{
    private PostgresTestDatabase? _database;

    protected override string DropTriggers => "ALTER TABLE execution_log DISABLE TRIGGER USER; ";

    protected override async Task CreateOldSchemaAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(_database.AdminConnectionString);
        await connection.OpenAsync();
        await OldMigrations.ApplyAsync(connection, "Postgres", "0011_audit_partitions");
    }

    protected override Task ExecuteAsOwnerAsync(string sql) =>
        PostgresServer.ExecuteAsync(_database!.AdminConnectionString, sql);

    protected override async Task<IOrderStore> OpenAsync(int partitions = 16)
    {
        var options = _database!.Options();
        options.AuditPartitions = partitions;
        return await PostgresOrderStore.OpenAsync(options, new RecordingPublisher(), TimeProvider.System);
    }

    protected override async Task<AuditVerification> VerifyReadOnlyAsync()
    {
        var reader = PostgresAuditReader.Open(_database!.AppConnectionString);
        return await AuditTrailCheck.RunAsync(reader.ReadPageAsync, 3, partitions: await reader.PartitionsAsync());
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
