// LegacyTrailContract on a SQLite file (the schema before 0012_audit_partitions built by running
// the earlier migrations).
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

public sealed class SqliteLegacyTrailTests : LegacyTrailContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-legacy-").FullName;
    private string DbPath => Path.Combine(_dir, "fillmore.db");

    protected override string DropTriggers =>
        "DROP TRIGGER IF EXISTS execution_log_refuses_update; DROP TRIGGER IF EXISTS execution_log_refuses_delete; ";

    protected override async Task CreateOldSchemaAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await OldMigrations.ApplyAsync(connection, "Sqlite", "0012_audit_partitions");
    }

    protected override async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task<IOrderStore> OpenAsync(int partitions = 16) =>
        await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = DbPath, AuditPartitions = partitions },
            new RecordingPublisher(), TimeProvider.System);

    protected override Task<AuditVerification> VerifyReadOnlyAsync() =>
        SqliteAuditReader.Open(DbPath).VerifyAsync(pageSize: 3);

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
