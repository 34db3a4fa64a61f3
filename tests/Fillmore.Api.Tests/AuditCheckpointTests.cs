// Signed audit checkpoints on the running service: they follow the chain's head, compliance
// exports them with the signing key, and `verify-audit --checkpoint` on the database file then
// catches what the chain alone cannot (entries cut from the end, with the append-only triggers
// dropped as an attacker with the file would), and refuses an altered or foreign checkpoint.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fillmore.Api.Hosting;

public sealed class AuditCheckpointTests : IAsyncLifetime
{
    private readonly FillmoreFactory _factory = Workload.Factory();

    private string Db => _factory.DatabasePath;

    public async Task InitializeAsync() => await Workload.RunAsync(_factory, 8);

    [Fact]
    public async Task Checkpoints_follow_the_head_and_an_exported_one_catches_entries_cut_from_the_end()
    {
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        var head = await CheckpointedHeadAsync(compliance);
        var page = await compliance.GetStringAsync("/api/v1/audit/checkpoints");
        var checkpoints = Path.Combine(_factory.DataDir, "checkpoints.json");
        await File.WriteAllTextAsync(checkpoints, page);
        var key = (await (await compliance.GetAsync("/api/v1/audit/checkpoints/key")).JsonAsync());
        var publicKey = Path.Combine(_factory.DataDir, "key.pem");
        await File.WriteAllTextAsync(publicKey, key.Str("public_key_pem"));
        Assert.All(JsonNode.Parse(page)!["data"]!.AsArray(), c => Assert.Equal(key.Str("key_id"), (string?)c!["key_id"]));
        // Version 2: every partition's head is published with what the signature covers, for an outside verifier.
        var newest = JsonNode.Parse(page)!["data"]!.AsArray()[^1]!;
        Assert.Equal((2, 16, 0L), ((int)newest["version"]!, (int)newest["partitions"]!, (long)newest["legacy_head_id"]!));
        Assert.Equal((long)newest["head_id"]!, newest["heads"]!.AsArray().Sum(h => (long)h!["seq"]!));

        var (exit, output, _) = await AuditTrailTests.RunVerifyAuditAsync("--db", Db, "--checkpoint", checkpoints,
            "--public-key", publicKey);
        Assert.Equal(VerifyAuditCommand.Intact, exit);
        var check = JsonDocument.Parse(output).RootElement.GetProperty("checkpoint");
        Assert.Equal((head, true, 2), (check.GetProperty("head_id").GetInt64(), check.GetProperty("usable").GetBoolean(),
            check.GetProperty("version").GetInt32()));

        var exported = JsonNode.Parse(page)!["data"]!.ToJsonString();
        var viaApi = await VerifyAgainstAsync(compliance, exported);
        Assert.Equal((true, true), (viaApi.GetProperty("valid").GetBoolean(),
            viaApi.GetProperty("checkpoint").GetProperty("usable").GetBoolean()));

        // The newest three entries cut: the tails of one or more partitions. The checkpoint's heads are checked in
        // partition order, so the first cut partition is named, at its first missing entry.
        var cut = (await Workload.RowsAsync(Db, $"SELECT partition, partition_seq FROM execution_log WHERE id > {head - 3}"))
            .Select(r => (Partition: Convert.ToInt64(r[0]), Seq: (long)r[1]!)).ToList();
        var first = cut.Where(c => c.Partition == cut.Min(m => m.Partition)).MinBy(c => c.Seq);
        await Workload.ExecuteAsync(Db, "DROP TRIGGER execution_log_refuses_delete; "
            + $"DELETE FROM execution_log WHERE id > {head - 3};");
        viaApi = await VerifyAgainstAsync(compliance, exported);
        Assert.Equal((first.Partition, first.Seq, "REMOVED"), (viaApi.GetProperty("first_broken_partition").GetInt64(),
            viaApi.GetProperty("first_broken_seq").GetInt64(), viaApi.Str("problem")));
        (exit, _, _) = await AuditTrailTests.RunVerifyAuditAsync("--db", Db);
        Assert.Equal(VerifyAuditCommand.Intact, exit);   // the chain alone cannot tell
        (exit, output, var error) = await AuditTrailTests.RunVerifyAuditAsync("--db", Db, "--checkpoint", checkpoints);
        Assert.Equal(VerifyAuditCommand.Broken, exit);
        var verdict = JsonDocument.Parse(output).RootElement;
        Assert.Equal((first.Partition, first.Seq, "REMOVED"), (verdict.GetProperty("first_broken_partition").GetInt64(),
            verdict.GetProperty("first_broken_seq").GetInt64(), verdict.Str("problem")));
        Assert.StartsWith($"audit chain BROKEN at partition {first.Partition} entry {first.Seq} (REMOVED)", error);
        Assert.Contains("cut from the end", error);
    }

    [Fact]
    public async Task An_altered_checkpoint_or_one_signed_by_another_key_proves_nothing_exit_2()
    {
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        await CheckpointedHeadAsync(compliance);
        var latest = JsonNode.Parse(await compliance.GetStringAsync("/api/v1/audit/checkpoints/latest"))!;
        var file = Path.Combine(_factory.DataDir, "latest.json");
        await File.WriteAllTextAsync(file, latest.ToJsonString());
        var other = Path.Combine(_factory.DataDir, "other.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(other, key.ExportSubjectPublicKeyInfoPem());
        var (exit, output, _) = await AuditTrailTests.RunVerifyAuditAsync("--db", Db, "--checkpoint", file,
            "--public-key", other);
        Assert.Equal(VerifyAuditCommand.Error, exit);
        Assert.Contains("\"code\":\"CHECKPOINT_KEY_NOT_TRUSTED\"", output);

        latest["head_id"] = latest["head_id"]!.GetValue<long>() - 1;   // moved back, as if to hide a cut
        await File.WriteAllTextAsync(file, latest.ToJsonString());
        (exit, output, _) = await AuditTrailTests.RunVerifyAuditAsync("--db", Db, "--checkpoint", file);
        Assert.Equal(VerifyAuditCommand.Error, exit);
        Assert.Contains("\"code\":\"CHECKPOINT_SIGNATURE_INVALID\"", output);
        (exit, _, var error) = await AuditTrailTests.RunVerifyAuditAsync("--db", Db, "--public-key", other);
        Assert.Equal(VerifyAuditCommand.Error, exit);
        Assert.StartsWith("usage: verify-audit", error);
    }

    [Fact]
    public async Task Checkpoints_are_for_compliance_and_admin_and_page_with_a_cursor()
    {
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        await CheckpointedHeadAsync(compliance);
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1,
            order_type = "MARKET" })).JsonAsync();
        await alice.WaitForStatusAsync(order.Id(), "FILLED");
        await CheckpointedHeadAsync(compliance);
        var first = await (await compliance.GetAsync("/api/v1/audit/checkpoints?limit=1")).JsonAsync();
        var second = await (await compliance.GetAsync(
            $"/api/v1/audit/checkpoints?limit=1&cursor={first.GetProperty("next_cursor").GetInt64()}")).JsonAsync();
        Assert.True(second.GetProperty("data")[0].GetProperty("head_id").GetInt64()
            > first.GetProperty("data")[0].GetProperty("head_id").GetInt64());
        Assert.Equal(HttpStatusCode.OK,
            (await _factory.ClientFor(FillmoreFactory.Admin).GetAsync("/api/v1/audit/checkpoints")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/api/v1/audit/checkpoints/latest")).StatusCode);
        var bad = await compliance.GetAsync("/api/v1/audit/checkpoints?limit=x&after=3");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(2, (await bad.JsonAsync()).GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task With_checkpoints_off_there_is_no_latest_and_a_key_that_cannot_sign_stops_the_start()
    {
        using (var off = new FillmoreFactory())
        {
            off.Settings["Fillmore:Audit:CheckpointInterval"] = "00:00:00";
            var latest = await off.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit/checkpoints/latest");
            Assert.Equal((HttpStatusCode.NotFound, "CHECKPOINT_NOT_FOUND"),
                (latest.StatusCode, (await latest.JsonAsync()).Str("code")));
        }
        using var broken = new FillmoreFactory();
        var keyFile = Path.Combine(broken.DataDir, "public-only.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(keyFile, key.ExportSubjectPublicKeyInfoPem());
        broken.Settings["Fillmore:Audit:CheckpointKeyFile"] = keyFile;
        var refused = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains("ECDSA P-256 private key", Messages(refused));
    }

    [Fact]
    public async Task Posted_checkpoints_that_prove_nothing_or_none_at_all_are_said_so()
    {
        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        await CheckpointedHeadAsync(compliance);
        var latest = JsonNode.Parse(await compliance.GetStringAsync("/api/v1/audit/checkpoints/latest"))!;
        latest["head_hash"] = new string('0', 64);
        var altered = await VerifyAgainstAsync(compliance, $"[{latest.ToJsonString()}]");
        Assert.Equal((false, "CHECKPOINT_SIGNATURE_INVALID"),
            (altered.GetProperty("checkpoint").GetProperty("usable").GetBoolean(),
             altered.GetProperty("checkpoint").Str("code")));
        var foreign = await VerifyAgainstAsync(compliance, $"[{JsonNode.Parse(await compliance.GetStringAsync(
            "/api/v1/audit/checkpoints/latest"))!.ToJsonString()}]", trustedKeyId: "0123456789abcdef");
        Assert.Equal("CHECKPOINT_KEY_NOT_TRUSTED", foreign.GetProperty("checkpoint").Str("code"));
        foreach (var body in new[] { "{}", "{\"checkpoints\": []}", "{\"checkpoints\": [null]}" })
        {
            var refused = await compliance.PostAsync("/api/v1/audit/verify",
                new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal((HttpStatusCode.BadRequest, "FIELD_REQUIRED"), (refused.StatusCode, (await refused.JsonAsync()).Str("code")));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientFor(FillmoreFactory.Alice).PostAsync(
            "/api/v1/audit/verify", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    private static async Task<JsonElement> VerifyAgainstAsync(HttpClient compliance, string checkpoints,
        string? trustedKeyId = null)
    {
        var body = $"{{\"checkpoints\": {checkpoints}"
            + (trustedKeyId is null ? "}" : $", \"trusted_key_id\": \"{trustedKeyId}\"}}");
        var response = await compliance.PostAsync("/api/v1/audit/verify",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    // Moves the clock a second at a time until the newest checkpoint names the trail's heads (its head_hash is the
    // verifier's: the hash of every partition's head); returns the newest entry's id, which on this SQLite store
    // (ids 1, 2, 3, ... with no gaps) is also the number of entries the checkpoint covers (its head_id).
    private async Task<long> CheckpointedHeadAsync(HttpClient compliance)
    {
        long head = 0;
        await Wait.UntilAsync(async () =>
        {
            _factory.Time.Advance(TimeSpan.FromSeconds(1));
            var verdict = await (await compliance.GetAsync("/api/v1/audit/verify")).JsonAsync();
            head = verdict.GetProperty("head_id").GetInt64();
            var latest = await compliance.GetAsync("/api/v1/audit/checkpoints/latest");
            if (latest.StatusCode != HttpStatusCode.OK) return false;
            var checkpoint = await latest.JsonAsync();
            return checkpoint.Str("head_hash") == verdict.Str("head_hash")
                && checkpoint.GetProperty("head_id").GetInt64() == verdict.GetProperty("entries").GetInt64();
        }, "a checkpoint of the heads");
        return head;
    }

    private static string Messages(Exception ex) =>
        ex.InnerException is null ? ex.Message : ex.Message + " | " + Messages(ex.InnerException);

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }
}
