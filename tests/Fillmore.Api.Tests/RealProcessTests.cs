// End to end against the built service as a real process on a free loopback port, exactly as a
// newcomer runs it: HTTP over TCP, the SQLite file on disk, the Development demo keys.
namespace Fillmore.Api.Tests;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

public sealed class RealProcessTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fillmore-e2e-").FullName;
    private ServiceProcess _service = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync("Fillmore.Api", _dataDir, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["FILLMORE_DB"] = Path.Combine(_dataDir, "e2e.db"),
        });
        _client = _service.Client(FillmoreFactory.Alice);
    }

    [Fact]
    public async Task A_market_order_fills_and_a_resting_limit_order_cancels_over_real_http()
    {
        var market = await _client.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" });
        Assert.Equal(HttpStatusCode.Created, market.StatusCode);
        var filled = await _client.WaitForStatusAsync((await market.JsonAsync()).Id(), "FILLED");
        Assert.Equal(10, filled.GetProperty("filled_quantity").GetInt64());

        var limit = await (await _client.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 5, order_type = "LIMIT", price = 390.00m })).JsonAsync();
        await _client.WaitForStatusAsync(limit.Id(), "PENDING");
        var cancel = await _client.PostAsync($"/api/v1/orders/{limit.Id()}/cancel", null);
        Assert.True(cancel.IsSuccessStatusCode);
        await _client.WaitForStatusAsync(limit.Id(), "CANCELLED");
        Assert.True(File.Exists(Path.Combine(_dataDir, "e2e.db")));
        var audit = await _client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/orders/{limit.Id()}/audit");
        Assert.Equal("CANCELLED", audit.GetProperty("data").EnumerateArray().Last().Str("action"));
    }

    [Fact]
    public async Task The_console_log_is_one_json_object_per_line_with_the_order_events()
    {
        var id = (await (await _client.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await _client.WaitForStatusAsync(id, "FILLED");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<System.Text.Json.JsonElement> events;
        do
        {
            await Task.Delay(50);
            events = _service.Output.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .Where(e => e.TryGetProperty("State", out var state) && state.TryGetProperty("EventName", out _)
                    && state.TryGetProperty("OrderId", out var o) && o.GetString() == id)
                .ToList();
        } while (events.Count < 3 && DateTime.UtcNow < deadline);
        Assert.Equal(["order.submitted", "order.executed", "order.filled"], events.Select(e => e.GetProperty("State").Str("EventName")));
        Assert.All(events, e => Assert.Equal("alice", e.GetProperty("State").Str("TraderId")));
        Assert.All(_service.Output.Where(l => l.Length > 0), l => Assert.StartsWith("{", l));
    }

    [Fact]
    public async Task Verify_audit_checks_the_file_beside_the_running_service_and_exits_1_once_it_is_tampered_with()
    {
        var id = (await (await _client.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await _client.WaitForStatusAsync(id, "FILLED");
        var db = Path.Combine(_dataDir, "e2e.db");
        var (exit, output, error) = await RunAsync("verify-audit", "--db", db);
        Assert.Equal(0, exit);
        Assert.StartsWith("{\"valid\":true,", output);
        Assert.StartsWith("audit chain intact", error);

        await Workload.ExecuteAsync(db, "DROP TRIGGER execution_log_refuses_delete; DELETE FROM execution_log WHERE id = 2");
        (exit, output, error) = await RunAsync("verify-audit", "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains("\"problem\":\"REMOVED\"", output);     // entry 2 is gone: named by its place in its partition
        Assert.Contains("\"first_broken_partition\":", output);
        Assert.StartsWith("audit chain BROKEN at partition", error);
        Assert.Contains("(REMOVED)", error);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(ServiceProcess.BuildOutput("Fillmore.Api"), "Fillmore.Api.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await output, await error);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
