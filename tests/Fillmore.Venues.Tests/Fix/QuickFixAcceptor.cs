// A real QuickFIX 1.15.1 example acceptor (executor or ordermatch) run by a test: its own settings
// file and FileStore in a temporary folder, free loopback ports for FIX and the HTTP admin page,
// bound to 127.0.0.1 only through the LD_PRELOAD shim. Its screen log (every message in and out,
// across restarts) is kept for the exactly-once checks. It can be killed (SIGKILL), started again
// with its store or an empty one, and have its next sequence numbers set through the admin page.
// ordermatch gets a stdin that stays open (a redirected pipe: it never sees EOF, so it never spins).
namespace Fillmore.Venues.Tests.Fix;

using System.Diagnostics;
using System.Globalization;

public sealed class QuickFixAcceptor : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly List<QuickFixLogEntry> _log = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-qf-").FullName;
    private Process? _process;
    private bool? _nextOutgoing;

    private QuickFixAcceptor(string program, string beginString, string acceptorId, string clientId)
    {
        (Program, BeginString, AcceptorId, ClientId) = (program, beginString, acceptorId, clientId);
        Port = Probe.FreePort();
        HttpPort = Probe.FreePort();
    }

    public string Program { get; }
    public string BeginString { get; }
    public string AcceptorId { get; }
    public string ClientId { get; }
    public int Port { get; }
    public int HttpPort { get; }
    public bool Running => _process is { HasExited: false };

    public static async Task<QuickFixAcceptor> StartAsync(string program, string beginString = "FIX.4.4",
        string acceptorId = "EXECUTOR", string clientId = "CLIENT1")
    {
        var acceptor = new QuickFixAcceptor(program, beginString, acceptorId, clientId);
        await acceptor.StartAgainAsync().ConfigureAwait(false);
        return acceptor;
    }

    /// <summary>The connection string of a FixVenue for this acceptor (quick reconnects for tests).</summary>
    public string ConnectionString(string profile, string extra = "", int timeout = 5) =>
        $"host=127.0.0.1;port={Port};sender={ClientId};target={AcceptorId};version={BeginString};heartbeat=30;" +
        $"profile={profile};reconnect=0.1;maxreconnect=0.5;timeout={timeout}{extra}";

    public IReadOnlyList<QuickFixLogEntry> Log { get { lock (_log) return _log.ToList(); } }

    /// <summary>How many times the acceptor's application took this order: its first answers, never PossDup
    /// copies.</summary>
    public int Processed(string clOrdId) => Log.Count(e => e.Outgoing && !e.PossDup && e.MsgType == "8"
        && e.Field(11) == clOrdId && (Program == "executor" || e.Field(150) is "0" or "8"));

    /// <summary>
    /// Processed, once the acceptor's log shows at least one answer for the order (its screen log reaches
    /// us through a pipe, which may lag behind the socket that already brought us the answer).
    /// </summary>
    public async Task<int> ProcessedOnceLoggedAsync(string clOrdId)
    {
        await FixProbe.UntilAsync(() => Processed(clOrdId) > 0, $"{Program}'s log to show order {clOrdId}");
        return Processed(clOrdId);
    }

    /// <summary>How many copies of a NewOrderSingle for this order reached it (PossDup ones or not).</summary>
    public int Received(string clOrdId, bool possDup) =>
        Log.Count(e => !e.Outgoing && e.MsgType == "D" && e.Field(11) == clOrdId && e.PossDup == possDup);

    public async Task StartAgainAsync(bool emptyStore = false)
    {
        if (Running) throw new InvalidOperationException("The acceptor is running.");
        if (emptyStore && Directory.Exists(Path.Combine(_dir, "store"))) Directory.Delete(Path.Combine(_dir, "store"),
            true);
        var config = Path.Combine(_dir, "acceptor.cfg");
        await File.WriteAllTextAsync(config, Settings()).ConfigureAwait(false);
        var start = new ProcessStartInfo(Path.Combine(QuickFix.Directory, Program), [config])
        {
            WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true,
                RedirectStandardInput = true,
        };
        start.Environment["LD_PRELOAD"] = Path.Combine(QuickFix.Directory, "bind_loopback.so");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync().ConfigureAwait(false);
    }

    /// <summary>kill -9: no logout, nothing flushed beyond what it already wrote.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(Bound).ConfigureAwait(false);
    }

    public Task SetNextIncomingAsync(long next) => AdminAsync("Next%20Incoming", next);

    public Task SetNextOutgoingAsync(long next) => AdminAsync("Next%20Outgoing", next);

    /// <summary>The session's numbers as the admin page shows them (next incoming, next outgoing).</summary>
    public async Task<(long Incoming, long Outgoing)> NumbersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var page = await http.GetStringAsync($"http://127.0.0.1:{HttpPort}/").ConfigureAwait(false);
        var cells = page.Split("<TD>").Select(c => c.Split('<')[0]).ToList();
        return (long.Parse(cells[^2], CultureInfo.InvariantCulture), long.Parse(cells[^1],
            CultureInfo.InvariantCulture));
    }

    private async Task AdminAsync(string field, long value)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = $"http://127.0.0.1:{HttpPort}/session?BeginString={BeginString}&SenderCompID={AcceptorId}" +
                  $"&TargetCompID={ClientId}&{field}={value.ToString(CultureInfo.InvariantCulture)}";
        (await http.GetAsync(url).ConfigureAwait(false)).EnsureSuccessStatusCode();
    }

    private string Settings() => $"""
        [DEFAULT]
        ConnectionType=acceptor
        SocketAcceptPort={Port}
        SocketReuseAddress=Y
        SocketNodelay=Y
        StartTime=00:00:00
        EndTime=00:00:00
        HeartBtInt=30
        FileStorePath={Path.Combine(_dir, "store")}
        UseDataDictionary=N
        ValidateLengthAndChecksum=Y
        CheckLatency=Y
        MaxLatency=120
        ResetOnLogon=N
        ResetOnLogout=N
        ResetOnDisconnect=N
        PersistMessages=Y
        HttpAcceptPort={HttpPort}
        [SESSION]
        BeginString={BeginString}
        SenderCompID={AcceptorId}
        TargetCompID={ClientId}

        """;

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (line.EndsWith(", outgoing>", StringComparison.Ordinal)) _nextOutgoing = true;
            else if (line.EndsWith(", incoming>", StringComparison.Ordinal)) _nextOutgoing = false;
            else if (_nextOutgoing is { } outgoing && line.StartsWith("  (8=", StringComparison.Ordinal))
            {
                _log.Add(new QuickFixLogEntry(outgoing, line[3..^1]));
                _nextOutgoing = null;
            }
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"{Program} exited with code {_process
                .ExitCode}.");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/").ConfigureAwait(false))
                    .IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Program} did not answer on port {HttpPort}.");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
