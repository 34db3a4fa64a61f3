// QuickFIX's executor for the benchmark's FIX run, as the tests run it (docs/fix.md): the binaries
// from FILLMORE_QUICKFIX_DIR, or prepared by scripts/quickfix/prepare into a temporary folder; its
// own settings and FileStore in a temporary folder; a free loopback port, bound to 127.0.0.1 only
// through the LD_PRELOAD shim; output discarded (its screen log would cost it time). Killed at the end.
namespace Fillmore.Bench;

using System.Diagnostics;
using System.Net.Sockets;

public sealed class QuickFixExecutor : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private QuickFixExecutor(Process process, string dir, int port) => (_process, _dir, Port) = (process, dir, port);

    public int Port { get; }

    /// <summary>The service's FILLMORE_VENUE_FIX for this acceptor.</summary>
    public string ConnectionString =>
        $"host=127.0.0.1;port={Port};sender=CLIENT1;target=EXECUTOR;version=FIX.4.4;heartbeat=30;profile=executor";

    public static async Task<QuickFixExecutor> StartAsync(string repository)
    {
        var binaries = Binaries(repository);
        var (dir, port) = (Directory.CreateTempSubdirectory("fillmore-bench-executor-").FullName, Service.FreePort());
        var config = Path.Combine(dir, "executor.cfg");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(
                Path.Combine(repository, "scripts", "quickfix", "executor.cfg")))
            .Replace("SocketAcceptPort=5001", $"SocketAcceptPort={port}", StringComparison.Ordinal)
            .Replace("HttpAcceptPort=5002\n", "", StringComparison.Ordinal));
        var start = new ProcessStartInfo(Path.Combine(binaries, "executor"), [config])
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["LD_PRELOAD"] = Path.Combine(binaries, "bind_loopback.so");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ListeningAsync(process, port);
        return new QuickFixExecutor(process, dir, port);
    }

    private static string Binaries(string repository)
    {
        var given = Environment.GetEnvironmentVariable("FILLMORE_QUICKFIX_DIR");
        if (!string.IsNullOrEmpty(given) && File.Exists(Path.Combine(given, "executor"))) return given;
        var target = Path.Combine(Path.GetTempPath(), $"fillmore-quickfix-bench-{Environment.UserName}");
        using var prepare = Process.Start(new ProcessStartInfo("bash",
            [Path.Combine(repository, "scripts", "quickfix", "prepare"), target])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        var why = prepare.StandardError.ReadToEndAsync();
        prepare.StandardOutput.ReadToEnd();
        prepare.WaitForExit();
        return File.Exists(Path.Combine(target, "executor")) ? target
            : throw new InvalidOperationException($"QuickFIX's executor is not available: {why.Result.Trim()}");
    }

    private static async Task ListeningAsync(Process process, int port)
    {
        for (var i = 0; i < 150; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"executor exited with code {process.ExitCode}.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"executor did not listen on 127.0.0.1:{port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
