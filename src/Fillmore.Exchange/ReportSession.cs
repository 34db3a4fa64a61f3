// One client's report socket: a bounded outbox of ready-made frames, sent in order. HELLO is the
// first frame, queued before the session is visible to the broadcaster, so it precedes every
// report. The session ends when the client closes, the request is aborted, or it is dropped
// (DropAll, or too slow); ending aborts the socket, which the client sees as a dropped stream.
namespace Fillmore.Exchange;

using System.Net.WebSockets;
using System.Threading.Channels;

internal sealed class ReportSession : IDisposable
{
    private const int OutboxCapacity = 10_000;

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _outbox =
        Channel.CreateBounded<byte[]>(new BoundedChannelOptions(OutboxCapacity) { SingleReader = true });
    private readonly CancellationTokenSource _end = new();

    public ReportSession(WebSocket socket, byte[] hello)
    {
        _socket = socket;
        _outbox.Writer.TryWrite(hello);
    }

    public bool TryEnqueue(byte[] frame) => _outbox.Writer.TryWrite(frame);

    public void Drop()
    {
        try
        {
            _end.Cancel();
        }
        catch (ObjectDisposedException) { }   // already over
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _end.Token);
        var incoming = WatchForCloseAsync(linked.Token);
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(linked.Token))
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, linked.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException
            or ObjectDisposedException) { }
        finally
        {
            _socket.Abort();
            await incoming;
        }
    }

    // Clients send nothing; reading is how a close from their side (or a dead peer) is noticed.
    private async Task WatchForCloseAsync(CancellationToken ct)
    {
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException
            or ObjectDisposedException) { }
        Drop();
    }

    public void Dispose() => _end.Dispose();
}
