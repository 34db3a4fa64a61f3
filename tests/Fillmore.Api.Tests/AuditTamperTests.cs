// Tampering with the audit table of a running service through raw SQL (after dropping the
// append-only triggers), one kind per test: GET /api/v1/audit/verify and `verify-audit` must
// both catch it and name the first broken entry (its partition and place there, and its id while
// the row exists); verify-audit exits 1. A forger who moves an entry in its partition's chain
// moves its partition_seq with it: that is its place in the evidence (the id only orders lists).
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
        var place = await PlaceAsync(17);
        await Workload.ExecuteAsync(Db, "UPDATE execution_log SET price = '1.00' WHERE id = 17");
        await AssertBrokenAsync(place, 17, "CHANGED");
    }

    [Fact]
    public async Task A_changed_fill_quantity_is_named()
    {
        var id = await Workload.ScalarAsync(Db, "SELECT MIN(id) FROM execution_log WHERE action = 'FILLED'");
        var place = await PlaceAsync(id);
        await Workload.ExecuteAsync(Db, $"UPDATE execution_log SET quantity = quantity + 1 WHERE id = {id}");
        await AssertBrokenAsync(place, id, "CHANGED");
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        var place = await PlaceAsync(23);
        await Workload.ExecuteAsync(Db, "DELETE FROM execution_log WHERE id = 23");
        await AssertBrokenAsync(place, null, "REMOVED");
    }

    [Fact]
    public async Task An_inserted_forged_entry_is_named()
    {
        // Shift every entry of 29's partition after it up by one place (and to ids after every other entry, in the
        // same order) and put a copy of entry 29, re-labelled, in the gap.
        var (partition, seq) = await PlaceAsync(29);
        await Workload.ExecuteAsync(Db, $"""
            UPDATE execution_log SET id = id + 100000, partition_seq = partition_seq + 100001 WHERE id > 29 AND partition = {partition};
            UPDATE execution_log SET partition_seq = partition_seq - 100000 WHERE id > 100000;
            INSERT INTO execution_log (id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
                retry_attempt, error_code, execution_path, actor, prev_hash, hash, partition, partition_seq)
            SELECT 100029, order_id, trader_id, 'CANCELLED', 'CANCELLED', symbol, side, quantity, price, venue, timestamp,
                'cancelled by the trader', retry_attempt, error_code, execution_path, 'TRADER', hash, hash, partition, {seq + 1}
            FROM execution_log WHERE id = 29;
            """);
        await AssertBrokenAsync((partition, seq + 1), 100029, "INSERTED");
    }

    [Fact]
    public async Task Two_entries_of_a_partition_with_swapped_places_are_named()
    {
        var (partition, seq) = await PlaceAsync(12);
        var next = await Workload.ScalarAsync(Db, $"SELECT id FROM execution_log WHERE partition = {partition} "
            + $"AND partition_seq = {seq + 1}");
        await Workload.ExecuteAsync(Db, $"""
            UPDATE execution_log SET id = -1, partition_seq = -1 WHERE id = 12;
            UPDATE execution_log SET id = 12, partition_seq = {seq} WHERE id = {next};
            UPDATE execution_log SET id = {next}, partition_seq = {seq + 1} WHERE id = -1;
            """);
        await AssertBrokenAsync((partition, seq), 12, "REORDERED");
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

    private async Task<(int Partition, long Seq)> PlaceAsync(long id)
    {
        var row = (await Workload.RowsAsync(Db, $"SELECT partition, partition_seq FROM execution_log WHERE id = {id}"))[0];
        return (Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture), (long)row[1]!);
    }

    private async Task AssertBrokenAsync((int Partition, long Seq) place, long? firstBrokenId, string problem)
    {
        var verdict = await VerifyAsync();
        Assert.False(verdict.GetProperty("valid").GetBoolean());
        Assert.Equal((place.Partition, place.Seq, problem), (verdict.GetProperty("first_broken_partition").GetInt32(),
            verdict.GetProperty("first_broken_seq").GetInt64(), verdict.Str("problem")));
        Assert.Equal(firstBrokenId, verdict.TryGetProperty("first_broken_id", out var id) ? id.GetInt64() : null);
        Assert.StartsWith($"Partition {place.Partition}: ", verdict.Str("detail"));
        Assert.Contains($"{place.Seq}", verdict.Str("detail"));

        var (exit, output, error) = await AuditTrailTests.RunVerifyAuditAsync($"--db={Db}");
        Assert.Equal(VerifyAuditCommand.Broken, exit);
        Assert.Contains($"\"problem\":\"{problem}\"", output);
        Assert.Contains($"\"first_broken_partition\":{place.Partition},\"first_broken_seq\":{place.Seq}", output);
        Assert.StartsWith($"audit chain BROKEN at partition {place.Partition} entry {place.Seq}", error);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }
}
