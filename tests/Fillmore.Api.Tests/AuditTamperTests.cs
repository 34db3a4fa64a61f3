// Tampering with the audit table of a running service through raw SQL (after dropping the
// append-only triggers), one kind per test: GET /api/v1/audit/verify and `verify-audit` must
// both catch it and name the first broken entry; verify-audit exits 1.
namespace Fillmore.Api.Tests;

using Fillmore.Api.Hosting;

public sealed class AuditTamperTests : IAsyncLifetime
{
    private readonly FillmoreFactory _factory = Workload.Factory();

    private string Db => _factory.DatabasePath;

    public async Task InitializeAsync()
    {
        await Workload.RunAsync(_factory, 20);
        Assert.True((await VerifyAsync()).GetProperty("valid").GetBoolean());
        await Workload.ExecuteAsync(Db, "DROP TRIGGER execution_log_refuses_update; DROP TRIGGER execution_log_refuses_delete;");
    }

    [Fact]
    public async Task A_changed_field_is_named()
    {
        await Workload.ExecuteAsync(Db, "UPDATE execution_log SET price = '1.00' WHERE id = 17");
        await AssertBrokenAsync(17, "CHANGED");
    }

    [Fact]
    public async Task A_changed_fill_quantity_is_named()
    {
        var id = await Workload.ScalarAsync(Db, "SELECT MIN(id) FROM execution_log WHERE action = 'FILLED'");
        await Workload.ExecuteAsync(Db, $"UPDATE execution_log SET quantity = quantity + 1 WHERE id = {id}");
        await AssertBrokenAsync(id, "CHANGED");
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        await Workload.ExecuteAsync(Db, "DELETE FROM execution_log WHERE id = 23");
        await AssertBrokenAsync(23, "REMOVED");
    }

    [Fact]
    public async Task An_inserted_forged_entry_is_named()
    {
        // Shift every entry from 30 on up by one and put a copy of entry 29, re-labelled, in the gap.
        await Workload.ExecuteAsync(Db, """
            UPDATE execution_log SET id = -id WHERE id >= 30;
            UPDATE execution_log SET id = 1 - id WHERE id < 0;
            INSERT INTO execution_log (id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
                retry_attempt, error_code, execution_path, actor, prev_hash, hash)
            SELECT 30, order_id, trader_id, 'CANCELLED', 'CANCELLED', symbol, side, quantity, price, venue, timestamp, 'cancelled by the trader',
                retry_attempt, error_code, execution_path, 'TRADER', hash, hash
            FROM execution_log WHERE id = 29;
            """);
        await AssertBrokenAsync(30, "INSERTED");
    }

    [Fact]
    public async Task Two_entries_with_swapped_ids_are_named()
    {
        await Workload.ExecuteAsync(Db, """
            UPDATE execution_log SET id = -1 WHERE id = 12;
            UPDATE execution_log SET id = 12 WHERE id = 13;
            UPDATE execution_log SET id = 13 WHERE id = -1;
            """);
        await AssertBrokenAsync(12, "REORDERED");
    }

    [Fact]
    public async Task The_verifier_is_for_compliance_and_admin_only()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _factory.ClientFor(FillmoreFactory.Admin).GetAsync("/api/v1/audit/verify")).StatusCode);
        foreach (var trader in new[] { FillmoreFactory.Alice, FillmoreFactory.Bob })
        {
            var response = await _factory.ClientFor(trader).GetAsync("/api/v1/audit/verify");
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("FORBIDDEN", (await response.JsonAsync()).Str("code"));
        }
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task Verify_audit_explains_a_missing_file_or_bad_arguments_with_exit_code_2()
    {
        var (exit, output, error) = await AuditTrailTests.RunVerifyAuditAsync("--db", Path.Combine(_factory.DataDir, "nope.db"));
        Assert.Equal((VerifyAuditCommand.Error, ""), (exit, output));
        Assert.Contains("nope.db", error);
        (exit, _, error) = await AuditTrailTests.RunVerifyAuditAsync("--database");
        Assert.Equal(VerifyAuditCommand.Error, exit);
        Assert.StartsWith("usage: verify-audit", error);
    }

    private async Task<System.Text.Json.JsonElement> VerifyAsync() =>
        await (await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit/verify")).JsonAsync();

    private async Task AssertBrokenAsync(long firstBrokenId, string problem)
    {
        var verdict = await VerifyAsync();
        Assert.False(verdict.GetProperty("valid").GetBoolean());
        Assert.Equal((firstBrokenId, problem), (verdict.GetProperty("first_broken_id").GetInt64(), verdict.Str("problem")));
        Assert.Equal(firstBrokenId - 1, verdict.GetProperty("head_id").GetInt64());
        Assert.Contains($"{firstBrokenId}", verdict.Str("detail"));

        var (exit, output, error) = await AuditTrailTests.RunVerifyAuditAsync($"--db={Db}");
        Assert.Equal(VerifyAuditCommand.Broken, exit);
        Assert.Contains($"\"first_broken_id\":{firstBrokenId},\"problem\":\"{problem}\"", output);
        Assert.StartsWith($"audit chain BROKEN at entry {firstBrokenId}", error);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }
}
