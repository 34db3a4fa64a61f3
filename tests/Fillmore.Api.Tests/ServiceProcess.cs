// A built service (Fillmore.Api, Fillmore.Exchange) started as a real process on a free loopback
// port, with its console captured, for end-to-end tests. Kill() is a crash (SIGKILL: no shutdown
// hooks run), DisposeAsync a cleanup.
namespace Fillmore.Api.Tests;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly System.Net.Security.RemoteCertificateValidationCallback? _trust;

    private ServiceProcess(Process process, Uri address,
        System.Net.Security.RemoteCertificateValidationCallback? trust = null)
    {
        _trust = trust;
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }
    public IReadOnlyCollection<string> Output => _output;
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="project"/>'s built dll and waits (at most 60 s) until <paramref name="readyPath"/> answers 2xx.</summary>
    public static async Task<ServiceProcess> StartAsync(string project, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        string readyPath = "/health/ready", params string[] args)
    {
        var port = FreePort();
        var service = new ServiceProcess(Process.Start(StartInfo(project, workingDirectory, environment, port, args))!,
            new Uri($"http://127.0.0.1:{port}"));
        await service.WaitUntilReadyAsync(readyPath);
        return service;
    }

    /// <summary>As StartAsync, with TLS on (the environment names the certificate): the same address in https, and
    /// clients that trust the certificate through <paramref name="trust"/>.</summary>
    public static async Task<ServiceProcess> StartHttpsAsync(string project, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, System.Net.Security.RemoteCertificateValidationCallback trust,
        string readyPath = "/health/ready")
    {
        var port = FreePort();
        var service = new ServiceProcess(Process.Start(StartInfo(project, workingDirectory, environment, port, []))!,
            new Uri($"https://127.0.0.1:{port}"), trust);
        await service.WaitUntilReadyAsync(readyPath);
        return service;
    }

    private static ProcessStartInfo StartInfo(string project, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, int port, string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(BuildOutput(project), project + ".dll"), "--urls", $"http://127.0.0.1:{port}", .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var handler = new SocketsHttpHandler();
        if (_trust is not null) handler.SslOptions.RemoteCertificateValidationCallback = _trust;
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    private async Task WaitUntilReadyAsync(string readyPath)
    {
        using var client = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited with code {_process.ExitCode}:\n{string.Join('\n', _output.TakeLast(30))}");
            try
            {
                if ((await client.GetAsync(readyPath)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not become ready within 60 s.");
    }

    /// <summary>A crash: the process is killed outright, mid-flight.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A src/ project's own output folder, built in the same configuration as these tests.</summary>
    public static string BuildOutput(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);       // tests/Fillmore.Api.Tests/bin/<Config>/net10.0/
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fillmore.slnx"))) root = root.Parent;
        return Path.Combine(root!.FullName, "src", project, "bin", configuration, framework);
    }
}
