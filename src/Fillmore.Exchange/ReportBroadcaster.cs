// The exchange's drop copy: the single reader of the simulator's report channel, it sends every
// execution report to every report session open at that moment. Nothing is kept for sessions
// that open later: a node that was away reconciles by query (GET /v1/orders...), as with a real
// exchange's drop-copy session. A session too slow to keep up is dropped rather than left to
// grow without bound; its client reconnects and reconciles.
namespace Fillmore.Exchange;

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Fillmore.Venues.Remote.Wire;
using Fillmore.Venues.Simulated;

internal sealed partial class ReportBroadcaster : BackgroundService
{
    private static readonly byte[] Hello = JsonSerializer.SerializeToUtf8Bytes(new WireFrame(WireFrame.Hello, null),
        WireJson.Options);

    private readonly SimulatedVenue _venue;
    private readonly ILogger<ReportBroadcaster> _log;
    private readonly ConcurrentDictionary<long, ReportSession> _sessions = new();
    private long _lastSessionId;

    public ReportBroadcaster(SimulatedVenue venue, IHostApplicationLifetime lifetime, ILogger<ReportBroadcaster> log)
    {
        (_venue, _log) = (venue, log);
        lifetime.ApplicationStopping.Register(() => DropAll());   // open sockets would otherwise hold shutdown up
    }

    public int SessionCount => _sessions.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var report in _venue.Reports.ReadAllAsync(stoppingToken))
                Broadcast(JsonSerializer.SerializeToUtf8Bytes(new WireFrame(WireFrame.ReportType,
                    WireMapping.ToWire(report)), WireJson.Options));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private void Broadcast(byte[] frame)
    {
        foreach (var (id, session) in _sessions)
        {
            if (session.TryEnqueue(frame)) continue;
            LogSlowSession(id);
            session.Drop();
        }
    }

    /// <summary>Serves one report session until it ends. It is registered before HELLO is queued, so it misses nothing
    /// after HELLO.</summary>
    public async Task ServeAsync(WebSocket socket, CancellationToken aborted)
    {
        var id = Interlocked.Increment(ref _lastSessionId);
        using var session = new ReportSession(socket, Hello);
        _sessions[id] = session;
        LogOpened(id, _sessions.Count);
        try
        {
            await session.RunAsync(aborted);
        }
        finally
        {
            _sessions.TryRemove(id, out _);
            LogClosed(id);
        }
    }

    /// <summary>Drops every open session; returns how many there were.</summary>
    public int DropAll()
    {
        var dropped = 0;
        foreach (var session in _sessions.Values)
        {
            session.Drop();
            dropped++;
        }
        return dropped;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report session {Session} open ({Count} open).")]
    private partial void LogOpened(long session, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report session {Session} closed.")]
    private partial void LogClosed(long session);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Report session {Session} fell too far behind and is dropped; its client must reconcile.")]
    private partial void LogSlowSession(long session);
}
