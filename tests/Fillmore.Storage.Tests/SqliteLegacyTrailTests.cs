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

    [StoreFact]
    public async Task The_python_verifier_in_audit_md_agrees_with_fillmore_on_a_migrated_trail()
    {
        var store = await OpenAsync();
        string[] traders = ["alice", "bob", "carol", "*"];
        for (var n = 0; n < 12; n++)
            await store.CommitAsync(new AuditOnlyChange([Fillmore.Core.Audit.AuditRecord.Control(
                Fillmore.Core.Audit.AuditAction.Halted, new Fillmore.Core.Orders.TraderId(traders[n % 4]), "*",
                Fillmore.Core.Audit.Actor.Admin, DateTimeOffset.UnixEpoch.AddDays(n), $"halt {n}", "TRADING_HALTED")]));
        var verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, partitions: 16);
        ((IDisposable)store).Dispose();
        var (exit, output) = await PythonAsync();
        Assert.Equal(0, exit);
        Assert.Contains(verdict.HeadHash, output);     // the heads hash a checkpoint signs, computed the same way

        await ExecuteAsOwnerAsync(DropTriggers + "UPDATE execution_log SET reason = 'edited' WHERE id = "
            + $"(SELECT max(id) FROM execution_log WHERE trader_id = 'carol')");
        (exit, output) = await PythonAsync();
        Assert.NotEqual(0, exit);
        Assert.Contains($"chain broken at partition {AuditPartitioner.Of("carol", 16)} entry 3", output);
    }

    // The Python block of docs/audit.md ("The hash chains"), run on this database.
    private async Task<(int Exit, string Output)> PythonAsync()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(Repository(), "docs", "audit.md"));
        var start = doc.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length;
        var script = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]
            .Replace("data/fillmore.db", DbPath, StringComparison.Ordinal);
        var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        await run.StandardInput.WriteAsync(script);
        run.StandardInput.Close();
        var output = await run.StandardOutput.ReadToEndAsync() + await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        return (run.ExitCode, output);
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Fillmore.slnx not found above the test binaries.");
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
