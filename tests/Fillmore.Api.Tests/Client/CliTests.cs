// The `fillmore` command line (tools/Fillmore.Cli) run as a process against the real service, also a
// process: what it prints (the API's JSON with --json, tables otherwise, problems on stderr) and what
// it exits with (0 done, 1 refused, 2 usage, 3 unreachable, 4 audit chain broken), the admin's API keys
// and an audit verify of the service's database file (read here, without the service).
namespace Fillmore.Api.Tests.Client;

using System.Diagnostics;
using System.Text.Json;

public sealed class CliTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fillmore-cli-").FullName;
    private ServiceProcess _service = null!;

    public async Task InitializeAsync() => _service = await ServiceProcess.StartAsync("Fillmore.Api", _dataDir,
        new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["FILLMORE_DB"] = Path.Combine(_dataDir, "cli.db"),
            ["Fillmore__SimulatedVenue__VolatilityBps"] = "0",
        });

    private Task<(int Exit, string Out, string Error)> Fillmore(string key, params string[] args) =>
        RunAsync(["--url", _service.Address.ToString(), "--key", key, .. args]);

    [Fact]
    public async Task Submit_a_bracket_then_read_it_back_with_its_legs_as_json_and_as_a_table()
    {
        var (exit, json, _) = await Fillmore(FillmoreFactory.Alice, "submit", "AAPL", "BUY", "10", "--type", "LIMIT",
            "--price", "185", "--stop-loss", "180", "--take-profit", "200", "--tif", "GTC", "--json");
        Assert.Equal(0, exit);
        var id = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        Assert.Equal("BRACKET", JsonDocument.Parse(json).RootElement.GetProperty("order_class").GetString());

        var (_, shown, _) = await Fillmore(FillmoreFactory.Alice, "order", id, "--json");
        var legs = JsonDocument.Parse(shown).RootElement.GetProperty("legs").EnumerateArray()
            .Select(l => l.GetProperty("leg_role").GetString()).Order();
        Assert.Equal(["STOP_LOSS", "TAKE_PROFIT"], legs);
        var (tableExit, table, _) = await Fillmore(FillmoreFactory.Alice, "orders");
        Assert.Equal(0, tableExit);
        Assert.Contains(id, table);
        Assert.Contains("BRACKET TAKE_PROFIT", table);
        Assert.DoesNotContain("\u001b[", table);   // no colour when the output is not a terminal

        var (cancelExit, cancelled, _) = await Fillmore(FillmoreFactory.Alice, "cancel-all", "--json");
        Assert.Equal(0, cancelExit);
        Assert.Equal(3, JsonDocument.Parse(cancelled).RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_refusal_exits_1_with_the_code_and_the_suggestion_and_a_bad_command_line_exits_2()
    {
        var (exit, _, error) = await Fillmore(FillmoreFactory.Alice, "submit", "HALT", "BUY", "1");
        Assert.Equal(1, exit);
        Assert.Contains("SYMBOL_HALTED", error);
        Assert.Contains("Wait until trading resumes", error);
        var (jsonExit, problem, _) = await Fillmore(FillmoreFactory.Alice, "submit", "AAPL", "BUY", "0", "--type", "LIMIT", "--json");
        Assert.Equal(1, jsonExit);
        Assert.Equal("VALIDATION_FAILED", JsonDocument.Parse(problem).RootElement.GetProperty("code").GetString());

        var (usage, _, why) = await Fillmore(FillmoreFactory.Alice, "submit", "AAPL", "BYU", "1");
        Assert.Equal(2, usage);
        Assert.Contains("BUY, SELL", why);
        var (unreachable, _, _) = await RunAsync(["--url", $"http://127.0.0.1:{ServiceProcess.FreePort()}",
            "--key", FillmoreFactory.Alice, "account"]);
        Assert.Equal(3, unreachable);
    }

    [Fact]
    public async Task Watch_account_audit_verify_and_report()
    {
        await Fillmore(FillmoreFactory.Alice, "submit", "AAPL", "BUY", "2");
        var (exit, lines, _) = await Fillmore(FillmoreFactory.Alice, "watch", "--since", "0", "--count", "3", "--json");
        Assert.Equal(0, exit);
        var seqs = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64());
        Assert.Equal([1L, 2L, 3L], seqs);

        var (_, account, _) = await Fillmore(FillmoreFactory.Alice, "account", "--json");
        Assert.Equal("alice", JsonDocument.Parse(account).RootElement.GetProperty("trader_id").GetString());
        var (verified, intact, _) = await Fillmore(FillmoreFactory.Compliance, "audit", "verify");
        Assert.Equal((0, true), (verified, intact.StartsWith("intact")));

        var file = Path.Combine(_dataDir, "report.csv");
        var today = DateTime.UtcNow.Date;
        var (reported, _, _) = await Fillmore(FillmoreFactory.Alice, "report", "--from", $"{today.AddDays(-1):yyyy-MM-dd}",
            "--to", $"{today.AddDays(2):yyyy-MM-dd}", "--out", file);
        Assert.Equal(0, reported);
        Assert.Contains("AAPL", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Keys_are_created_listed_shown_rotated_and_revoked_on_the_service()
    {
        var (exit, created, _) = await Fillmore(FillmoreFactory.Admin, "keys", "create", "--user", "alice", "--scope",
            "trade", "--label", "cli bot", "--json");
        Assert.Equal(0, exit);
        var key = JsonDocument.Parse(created).RootElement;
        var (id, secret) = (key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!);
        Assert.Equal(("alice", "trade", "ACTIVE"), (key.Str("user"), key.Str("scope"), key.Str("status")));
        Assert.Equal(0, (await Fillmore(secret, "account")).Exit);   // the new key works at once

        var (_, listed, _) = await Fillmore(FillmoreFactory.Admin, "keys", "list", "--user", "alice");
        Assert.Contains(id, listed);
        Assert.Contains("cli bot", listed);
        Assert.DoesNotContain(secret, listed);                        // the key is shown once, at creation
        var (_, shown, _) = await Fillmore(FillmoreFactory.Admin, "keys", "show", id, "--json");
        Assert.Equal(id, JsonDocument.Parse(shown).RootElement.Str("id"));
        Assert.False(JsonDocument.Parse(shown).RootElement.TryGetProperty("key", out _));

        var (rotateExit, rotated, _) = await Fillmore(FillmoreFactory.Admin, "keys", "rotate", id, "--json");
        Assert.Equal(0, rotateExit);
        var rotation = JsonDocument.Parse(rotated).RootElement;
        var (newId, newSecret) = (rotation.GetProperty("key").Str("id"), rotation.GetProperty("key").Str("key"));
        Assert.Equal(("REVOKED", newId), (rotation.GetProperty("replaced").Str("status"),
            rotation.GetProperty("replaced").Str("replaced_by")));
        Assert.Equal(1, (await Fillmore(secret, "account")).Exit);   // the old key stopped
        Assert.Equal(0, (await Fillmore(newSecret, "account")).Exit);

        var (revokeExit, revoked, _) = await Fillmore(FillmoreFactory.Admin, "keys", "revoke", newId, "--reason", "test");
        Assert.Equal(0, revokeExit);
        Assert.Contains("REVOKED", revoked);
        var (refusedExit, _, refusal) = await Fillmore(newSecret, "account");
        Assert.Equal(1, refusedExit);
        Assert.Contains("UNAUTHENTICATED", refusal);
        var (again, _, twice) = await Fillmore(FillmoreFactory.Admin, "keys", "revoke", newId);
        Assert.Equal((1, true), (again, twice.Contains("API_KEY_REVOKED")));
        var (forbidden, _, _) = await Fillmore(FillmoreFactory.Alice, "keys", "list");
        Assert.Equal(1, forbidden);
    }

    [Fact]
    public async Task Audit_verify_on_a_database_file_says_intact_then_exits_4_once_an_entry_is_deleted()
    {
        await Fillmore(FillmoreFactory.Alice, "submit", "AAPL", "BUY", "2");
        var db = Path.Combine(_dataDir, "cli.db");
        // No service named: the file is read here (--url points nowhere).
        var (exit, intact, _) = await RunAsync(["--url", $"http://127.0.0.1:{ServiceProcess.FreePort()}", "audit",
            "verify", "--db", db]);
        Assert.Equal(0, exit);
        Assert.StartsWith("intact", intact);

        // Checkpoints kept outside: the newest one's heads, one partition cut from a head it names to its end.
        using var http = new HttpClient { BaseAddress = _service.Address };
        http.DefaultRequestHeaders.Add("X-API-Key", FillmoreFactory.Compliance);
        JsonElement newest = default;
        await Wait.UntilAsync(async () =>
        {
            var latest = await http.GetAsync("/api/v1/audit/checkpoints/latest");
            if (!latest.IsSuccessStatusCode) return false;
            newest = JsonDocument.Parse(await latest.Content.ReadAsStringAsync()).RootElement.Clone();
            return newest.GetProperty("heads").GetArrayLength() > 0;
        }, "a checkpoint");
        var file = Path.Combine(_dataDir, "checkpoint.json");
        await File.WriteAllTextAsync(file, newest.GetRawText());
        var (checkedExit, _, _) = await RunAsync(["audit", "verify", "--db", db, "--checkpoint", file]);
        Assert.Equal(0, checkedExit);
        var head = newest.GetProperty("heads")[0];
        var (partition, seq) = (head.GetProperty("partition").GetInt32(), head.GetProperty("seq").GetInt64());
        await Workload.ExecuteAsync(db, "DROP TRIGGER execution_log_refuses_delete; DELETE FROM execution_log WHERE "
            + $"partition = {partition} AND partition_seq >= {seq}");
        Assert.Equal(0, (await RunAsync(["audit", "verify", "--db", db])).Exit);     // the chains alone cannot tell
        var (cut, cutTable, _) = await RunAsync(["audit", "verify", "--db", db, "--checkpoint", file]);
        Assert.Equal(4, cut);
        Assert.StartsWith($"broken at partition {partition} entry {seq}: REMOVED", cutTable);
        var (usage, _, _) = await RunAsync(["audit", "verify", "--checkpoint", file]);
        Assert.Equal(2, usage);

        var place = (await Workload.RowsAsync(db, "SELECT partition, partition_seq FROM execution_log WHERE id = 2"))[0];
        await Workload.ExecuteAsync(db, "DELETE FROM execution_log WHERE id = 2");
        var (broken, json, _) = await RunAsync(["audit", "verify", "--db", db, "--json"]);
        Assert.Equal(4, broken);
        var verdict = JsonDocument.Parse(json).RootElement;
        // Entry 2 is gone: it is named by its place in its partition's chain.
        Assert.Equal((false, Convert.ToInt64(place[0]), (long)place[1]!, "REMOVED"), (verdict.GetProperty("valid").GetBoolean(),
            verdict.GetProperty("first_broken_partition").GetInt64(), verdict.GetProperty("first_broken_seq").GetInt64(),
            verdict.Str("problem")));
        var (_, table, _) = await RunAsync(["audit", "verify", "--db", db]);
        Assert.StartsWith($"broken at partition {place[0]} entry {place[1]}: REMOVED", table);

        var (missing, _, why) = await RunAsync(["audit", "verify", "--db", Path.Combine(_dataDir, "none.db")]);
        Assert.Equal(2, missing);
        Assert.Contains("none.db", why);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(string[] args)
    {
        var dll = Path.Combine(Repository(), "tools", "Fillmore.Cli", "bin", Configuration(), "net10.0", "fillmore.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["NO_COLOR"] = null },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent!;
        return dir.FullName;
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
