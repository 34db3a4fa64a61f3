// End to end against the built service as a real process on a free loopback port, exactly as a
// newcomer runs it: HTTP over TCP, the SQLite file on disk, the Development demo keys.
namespace Fillmore.Api.Tests;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

public sealed class RealProcessTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fillmore-e2e-").FullName;
    private readonly ConcurrentQueue<string> _stdout = new();
    private Process? _process;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var dll = Path.Combine(ApiBuildOutput(), "Fillmore.Api.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = _dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["FILLMORE_DB"] = Path.Combine(_dataDir, "e2e.db");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _stdout.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        _client.DefaultRequestHeaders.Add("X-API-Key", FillmoreFactory.Alice);
        await WaitUntilReadyAsync();
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
            events = _stdout.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .Where(e => e.TryGetProperty("State", out var state) && state.TryGetProperty("EventName", out _)
                    && state.TryGetProperty("OrderId", out var o) && o.GetString() == id)
                .ToList();
        } while (events.Count < 3 && DateTime.UtcNow < deadline);
        Assert.Equal(["order.submitted", "order.executed", "order.filled"], events.Select(e => e.GetProperty("State").Str("EventName")));
        Assert.All(events, e => Assert.Equal("alice", e.GetProperty("State").Str("TraderId")));
        Assert.All(_stdout.Where(l => l.Length > 0), l => Assert.StartsWith("{", l));
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
        Assert.Contains("\"first_broken_id\":2,\"problem\":\"REMOVED\"", output);
        Assert.StartsWith("audit chain BROKEN at entry 2 (REMOVED)", error);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(ApiBuildOutput(), "Fillmore.Api.dll"), .. args])
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

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The service exited with code {_process.ExitCode}.");
            try
            {
                if ((await _client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("The service did not become ready within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The Api project's own output folder, built in the same configuration as these tests.
    private static string ApiBuildOutput()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);       // tests/Fillmore.Api.Tests/bin/<Config>/net10.0/
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fillmore.slnx"))) root = root.Parent;
        return Path.Combine(root!.FullName, "src", "Fillmore.Api", "bin", configuration, framework);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
