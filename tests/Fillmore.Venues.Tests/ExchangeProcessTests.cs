// The exchange as the operator runs it: its own process, started with the documented command
// line, and two venues (two "nodes") trading against it. Bounded: the process is killed at the end.
namespace Fillmore.Venues.Tests;

using System.Diagnostics;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class ExchangeProcessTests : IAsyncLifetime
{
    private Process? _process;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var port = Probe.FreePort();
        _url = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(ExchangeBuildOutput(), "Fillmore.Exchange.dll");
        _process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--urls", _url, "--Exchange:Seed", "7"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Probe.UntilAsync(() => Healthy(probe), "the exchange process to answer /health");
    }

    [Fact]
    public async Task A_node_can_look_up_and_cancel_an_order_another_node_placed()
    {
        await using var nodeA = await Probe.ConnectedAsync(_url);
        await using var nodeB = await Probe.ConnectedAsync(_url);
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 100m);
        Assert.IsType<VenueOutcome.Confirmed>(await nodeA.SubmitAsync(order));
        await nodeA.DisposeAsync();   // node A dies

        Assert.Equal(order.Id, Assert.Single((await nodeB.ListOpenOrdersAsync())!).OrderId);
        Assert.IsType<VenueOutcome.Confirmed>(await nodeB.CancelAsync(order.Id));
        await nodeB.NextReportAsync(order.Id, ExecutionKind.Cancelled);
    }

    private bool Healthy(HttpClient probe)
    {
        if (_process!.HasExited) throw new InvalidOperationException($"The exchange exited with code {_process.ExitCode}.");
        try
        {
            return probe.GetAsync($"{_url}/health").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;   // not listening yet, or too slow to answer while it starts cold: ask again
        }
    }

    // The Exchange project's own output folder, built in the same configuration as these tests.
    private static string ExchangeBuildOutput()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fillmore.slnx"))) root = root.Parent;
        return Path.Combine(root!.FullName, "src", "Fillmore.Exchange", "bin", configuration, framework);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }
}
