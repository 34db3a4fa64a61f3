// The report socket of a remote exchange (GET /v1/reports, a drop-copy session): reads every
// execution report the exchange broadcasts into a channel, and re-opens the socket whenever it
// drops, waiting ReconnectDelay, doubling up to MaxReconnectDelay, reset by a good session.
// A session counts as open only once the exchange's HELLO arrives (it is then registered for the
// broadcast), and every open session, the first included, calls `opened`: reports broadcast while
// no session was open are gone for good (the exchange keeps no backlog), and even before the first
// session another node may have left orders working here, so the engine reconciles each time.
// A frame that cannot be read drops the session for the same reason: a report may be lost.
namespace Fillmore.Venues.Remote;

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;
using Microsoft.Extensions.Logging;

internal sealed partial class ReportStream : IAsyncDisposable
{
    private const int MaxFrameBytes = 1 << 20;

    private readonly Uri _endpoint;
    private readonly RemoteVenueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Action _opened;
    private readonly Channel<ExecutionReport> _reports =
        Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private volatile bool _open;
    private int _sessions;
    private long _lastReportTicks;
    private readonly System.Net.Security.RemoteCertificateValidationCallback? _trust;

    public ReportStream(Uri endpoint, RemoteVenueOptions options, TimeProvider time, ILogger log, Action opened)
    {
        (_endpoint, _options, _time, _log, _opened) = (endpoint, options, time, log, opened);
        _trust = TlsTrust.For(options.CaCertificate);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public ChannelReader<ExecutionReport> Reader => _reports.Reader;

    public bool IsOpen => _open;

    /// <summary>When the last report arrived (null: none yet).</summary>
    public DateTimeOffset? LastReportAt => Interlocked.Read(ref _lastReportTicks) is var t and > 0
        ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>How many sessions have been opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Completes once the first attempt to open a session has succeeded or failed.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var socket = await OpenAsync(ct).ConfigureAwait(false);
                failures = 0;
                MarkOpen();
                await PumpAsync(socket, ct).ConfigureAwait(false);
                LogSessionEnded(_endpoint, "the exchange closed it");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex) { LogSessionEnded(_endpoint, ex.Message); }
            finally
            {
                _open = false;
                _firstAttempt.TrySetResult();
            }
            if (!await WaitBeforeRetryAsync(++failures, ct).ConfigureAwait(false)) break;
        }
    }

    private void MarkOpen()
    {
        _open = true;
        Interlocked.Increment(ref _sessions);
        _firstAttempt.TrySetResult();
        LogSessionOpened(_endpoint, Sessions);
        try
        {
            _opened();
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex);
        }
    }

    private async Task<bool> WaitBeforeRetryAsync(int failures, CancellationToken ct)
    {
        var delay = TimeSpan.FromTicks(Math.Min(_options.MaxReconnectDelay.Ticks,
            _options.ReconnectDelay.Ticks << Math.Min(failures - 1, 20)));
        try
        {
            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<ClientWebSocket> OpenAsync(CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = _options.HeartbeatInterval;
            socket.Options.RemoteCertificateValidationCallback = _trust;
            socket.Options.KeepAliveTimeout = _options.HeartbeatInterval * 2;
            if (!string.IsNullOrEmpty(_options.ApiKey))
                socket.Options.SetRequestHeader(RemoteVenue.ApiKeyHeader, _options.ApiKey);
            using var deadline = new Deadline(_options.RequestTimeout, _time, ct);
            await socket.ConnectAsync(_endpoint, deadline.Token).ConfigureAwait(false);
            var hello = await ReceiveFrameAsync(socket, deadline.Token).ConfigureAwait(false);
            if (hello?.Type != WireFrame.Hello)
                throw new InvalidDataException("the exchange did not open the report session with HELLO");
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task PumpAsync(ClientWebSocket socket, CancellationToken ct)
    {
        while (await ReceiveFrameAsync(socket, ct).ConfigureAwait(false) is { } frame)
        {
            if (frame is not { Type: WireFrame.ReportType, Report: { } report })
                throw new InvalidDataException($"unexpected report frame '{frame.Type}'");
            _reports.Writer.TryWrite(WireMapping.ToCore(report, _options.Name));
            Interlocked.Exchange(ref _lastReportTicks, _time.GetUtcNow().UtcTicks);
        }
    }

    /// <summary>One whole text message, or null when the exchange closed the socket.</summary>
    private static async Task<WireFrame?> ReceiveFrameAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxFrameBytes) throw new InvalidDataException("report frame too large");
            if (result.EndOfMessage) break;
        }
        return JsonSerializer.Deserialize<WireFrame>(buffer.WrittenSpan, WireJson.Options)
            ?? throw new InvalidDataException("empty report frame");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Report session {Session} open with the exchange at {Endpoint}; "
            + "reconciling what may have been missed.")]
    private partial void LogSessionOpened(Uri endpoint, int session);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Report session with the exchange at {Endpoint} ended: {Why}. Reconnecting.")]
    private partial void LogSessionEnded(Uri endpoint, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Reconnected handler failed.")]
    private partial void LogHandlerFailed(Exception ex);
}
