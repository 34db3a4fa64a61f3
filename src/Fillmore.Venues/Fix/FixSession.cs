// Fillmore's FIX initiator session (docs/fix.md). One session runs one connection at a time: it
// connects (with backoff), logs on, keeps the session alive with heartbeats and test requests,
// and reconnects when the connection ends. Every outbound message gets the next sequence number
// and is stored durably (IFixSessionStore) BEFORE its bytes reach the socket, so a restart resumes
// the numbering without a reset and can resend whatever the venue did not get. Inbound sequence
// numbers are checked: a gap asks for a resend, a PossDup copy already seen is dropped, a number
// lower than expected without PossDup ends the connection. The schedule decides when sessions
// start (numbering back to 1) and end (logout). Files: .Outbound (numbering, the writer, answering
// resends), .Inbound (reading, sequence checks, admin messages), .Timers (heartbeats, schedule).
namespace Fillmore.Venues.Fix;

using System.Net.Sockets;
using System.Threading.Channels;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

internal sealed partial class FixSession : IAsyncDisposable
{
    private readonly FixSessionSettings _settings;
    private readonly IFixSessionStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<FixOutgoing> _outbox =
        Channel.CreateUnbounded<FixOutgoing>(new UnboundedChannelOptions { SingleReader = true });
    private IFixApplication _app = null!;
    private Task _run = Task.CompletedTask;
    private Task _writer = Task.CompletedTask;
    private FixConnection? _connection;
    private FixSessionState _state = FixSessionState.Disconnected;
    private long _nextOut = 1, _nextIn = 1, _highestIn;
    private DateTimeOffset _numberedSince;
    private bool _replayWindowUsed, _resetAtNextLogon;
    private long _logons, _resendsSent, _resendsAnswered, _replayed, _gapFills, _duplicates, _badFrames, _venueResets;
    private DateTimeOffset? _lastSent, _lastReceived, _loggedOnSince;
    private string? _lastError;

    public FixSession(FixSessionSettings settings, IFixSessionStore store, TimeProvider time, ILogger log)
    {
        (_settings, _store, _time, _log) = (settings, store, time, log);
    }

    public string SessionId => _settings.SessionId;

    public bool IsLoggedOn
    {
        get { lock (_gate) return _connection is { LoggedOn: true, SentLogout: false, Closed: false }; }
    }

    /// <summary>Loads the stored numbering and starts connecting; returns once the numbering is loaded.</summary>
    public async Task StartAsync(IFixApplication app, CancellationToken ct = default)
    {
        _app = app;
        var stored = await _store.OpenFixSessionAsync(SessionId, _time.GetUtcNow(), ct).ConfigureAwait(false);
        lock (_gate)
        {
            (_nextOut, _nextIn, _highestIn, _numberedSince) =
                (stored.NextOutbound, stored.NextInbound, stored.NextInbound - 1, stored.NumberedSince);
        }
        LogLoaded(SessionId, stored.NextOutbound, stored.NextInbound);
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    public FixSessionSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new FixSessionSnapshot(SessionId, _settings.VenueName, _state, _nextOut, _nextIn,
                _lastSent, _lastReceived, _loggedOnSince, _logons, _resendsSent, _resendsAnswered, _replayed, _gapFills,
                _duplicates, _badFrames,
                _venueResets, _lastError);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var loggedOn = false;
            try
            {
                var sessionStart = await WaitForSessionAsync(ct).ConfigureAwait(false);
                await RenumberIfNewSessionAsync(sessionStart, ct).ConfigureAwait(false);
                loggedOn = await ConnectAndRunAsync(sessionStart, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                Failed($"connection to {_settings.Host}:{_settings.Port} failed: {ex.Message}");
            }
            failures = loggedOn ? 1 : failures + 1;
            try { await Task.Delay(Backoff(failures), _time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        SetState(FixSessionState.Stopped);
    }

    private TimeSpan Backoff(int failures) => TimeSpan.FromTicks(Math.Min(_settings.MaxReconnectDelay.Ticks,
        _settings.ReconnectDelay.Ticks << Math.Min(Math.Max(failures - 1, 0), 20)));

    // Returns true when the venue's Logon arrived on this connection (the backoff starts afresh).
    private async Task<bool> ConnectAndRunAsync(DateTimeOffset? sessionStart, CancellationToken ct)
    {
        SetState(FixSessionState.Connecting);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            using var timeout = new CancellationTokenSource(_settings.ConnectTimeout, _time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            await socket.ConnectAsync(_settings.Host, _settings.Port, deadline.Token).ConfigureAwait(false);
            stream = await OpenStreamAsync(socket, deadline.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        using var connection = new FixConnection(socket, stream, _time.GetUtcNow(), sessionStart);
        using var stop = ct.Register(() => connection.Close("the session is stopping"));
        lock (_gate) _connection = connection;
        try
        {
            await LogOnAsync(connection).ConfigureAwait(false);
            var reading = ReadLoopAsync(connection);
            var timing = TimerLoopAsync(connection);
            await Task.WhenAny(reading, timing).ConfigureAwait(false);
            connection.Close(connection.CloseReason ?? "the connection ended");
            await Task.WhenAll(Quietly(reading), Quietly(timing)).ConfigureAwait(false);
            return connection.EverLoggedOn;
        }
        finally
        {
            Disconnected(connection);
        }
    }

    // The session's byte stream: the socket's own, or TLS over it when the venue asks for it (a failed handshake
    // is a failed connect: the session backs off and tries again).
    private async Task<Stream> OpenStreamAsync(Socket socket, CancellationToken ct)
    {
        var plain = new NetworkStream(socket, ownsSocket: false);
        if (!_settings.Tls) return plain;
        var tls = new System.Net.Security.SslStream(plain, leaveInnerStreamOpen: false,
            TlsTrust.For(_settings.TlsCaPath));
        try
        {
            await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = _settings.TlsServerName ?? _settings.Host,
                EnabledSslProtocols = TlsTrust.Protocols,
            }, ct).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task Quietly(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception) { /* the connection is over; its reason is recorded */ }
    }

    private void Disconnected(FixConnection connection)
    {
        var wasLoggedOn = false;
        lock (_gate)
        {
            if (ReferenceEquals(_connection, connection)) _connection = null;
            wasLoggedOn = connection.LoggedOn;
            connection.LoggedOn = false;
            if (_state != FixSessionState.Stopped) _state = FixSessionState.Disconnected;
            _loggedOnSince = null;
        }
        var reason = connection.CloseReason ?? "the connection ended";
        LogDisconnected(SessionId, reason);
        if (wasLoggedOn) _app.OnLogout(reason);
    }

    private void SetState(FixSessionState state)
    {
        lock (_gate) if (_state != FixSessionState.Stopped) _state = state;
    }

    private void Failed(string error)
    {
        lock (_gate) _lastError = error;
        LogFailure(SessionId, error);
    }

    /// <summary>Logs out (bounded wait for the venue's answer), then stops the session and its writer.</summary>
    public async ValueTask DisposeAsync()
    {
        FixConnection? connection;
        lock (_gate) connection = _connection;
        if (connection is { LoggedOn: true, Closed: false })
        {
            SendLogout(connection, "Fillmore is stopping");
            try { await Task.Delay(TimeSpan.FromSeconds(2), _time, connection.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { /* the venue answered and the connection closed */ }
        }
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops at once without a Logout, as a crash would (the tests' "Fillmore dies mid-session").</summary>
    internal async ValueTask CrashAsync()
    {
        lock (_gate) _connection?.Close("crashed");
        await StopAsync().ConfigureAwait(false);
    }

    private async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_gate) _connection?.Close("the session is stopping");
        await Quietly(_run).ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        await Quietly(_writer).ConfigureAwait(false);
        SetState(FixSessionState.Stopped);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "FIX session {Session}: stored numbering next out {NextOut}, next in {NextIn}.")]
    private partial void LogLoaded(string session, long nextOut, long nextIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX session {Session} disconnected: {Reason}.")]
    private partial void LogDisconnected(string session, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX session {Session}: {Error}")]
    private partial void LogFailure(string session, string error);
}
