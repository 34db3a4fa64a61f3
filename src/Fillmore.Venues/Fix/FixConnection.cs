// One TCP connection (plain or TLS) of a FIX session and what belongs to it alone: the reader over its socket,
// whether the venue's Logon came, the heartbeat bookkeeping, the resend this side is waiting for,
// and (after the venue was found to have lost its numbering) which of our sequence numbers it may
// only get as gap fills. A new connection starts all of this afresh.
namespace Fillmore.Venues.Fix;

using System.IO.Pipelines;
using System.Net.Sockets;

internal sealed class FixConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _closing = new();
    private long _lastSentTicks, _lastReceivedTicks;
    private string? _closeReason;

    /// <param name="stream">The socket's stream, or a TLS stream over it.</param>
    public FixConnection(Socket socket, Stream stream, DateTimeOffset now, DateTimeOffset? sessionStart)
    {
        _socket = socket;
        Stream = stream;
        Reader = PipeReader.Create(Stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        (OpenedAt, SessionStart) = (now, sessionStart);
        _lastSentTicks = _lastReceivedTicks = now.UtcTicks;
    }

    public Stream Stream { get; }
    public PipeReader Reader { get; }
    public DateTimeOffset OpenedAt { get; }
    /// <summary>The schedule's session this connection belongs to: a new one means log out and renumber.</summary>
    public DateTimeOffset? SessionStart { get; }
    public CancellationToken Token => _closing.Token;
    public bool Closed => _closing.IsCancellationRequested;
    public string? CloseReason => _closeReason;

    public bool LoggedOn { get; set; }
    public bool EverLoggedOn { get; set; }
    public long LogonSeq { get; set; }
    public bool SentReset { get; set; }
    public bool SentLogout { get; set; }
    public DateTimeOffset LogoutSentAt { get; set; }
    public int TestRequests { get; set; }
    /// <summary>Our ResendRequest in flight: [ResendFrom, ResendTo]; 0 when none.</summary>
    public long ResendFrom { get; set; }
    public long ResendTo { get; set; }
    /// <summary>Our messages below this number are only ever gap-filled (the venue lost its numbering).</summary>
    public long GapFillBelow { get; set; }

    public DateTimeOffset LastSent => new(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero);
    public DateTimeOffset LastReceived => new(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);

    public void Sent(DateTimeOffset now) => Interlocked.Exchange(ref _lastSentTicks, now.UtcTicks);
    public void Received(DateTimeOffset now) => Interlocked.Exchange(ref _lastReceivedTicks, now.UtcTicks);

    /// <summary>Ends the connection (first reason wins); the read loop and the timer stop.</summary>
    public void Close(string reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        try { _closing.Cancel(); } catch (ObjectDisposedException) { }
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        _socket.Close();
    }

    public void Dispose()
    {
        Close("disposed");
        Stream.Dispose();
    }
}
