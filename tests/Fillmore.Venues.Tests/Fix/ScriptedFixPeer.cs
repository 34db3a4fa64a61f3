// A FIX counterparty scripted by a test, for the session logic's fast tests: it listens on
// loopback, accepts Fillmore's connection, hands over every message Fillmore sends (framed by the
// same strict framer), and writes whatever bytes the test gives it, hand-written, good or broken.
namespace Fillmore.Venues.Tests.Fix;

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Fillmore.Venues.Fix;

public sealed class ScriptedFixPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<FixMessage> _received = Channel.CreateUnbounded<FixMessage>();
    private Socket? _socket;
    private Task _reading = Task.CompletedTask;

    public ScriptedFixPeer(string beginString = "FIX.4.4")
    {
        BeginString = beginString;
        _listener.Start();
    }

    public string BeginString { get; }
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public long NextOut { get; set; } = 1;

    public string ConnectionString(string extra = "", int heartbeat = 30) =>
        $"host=127.0.0.1;port={Port};sender=CLIENT1;target=PEER;version={BeginString};heartbeat={heartbeat};" +
        "profile=full;" +
        $"status=n;reconnect=0.1;maxreconnect=0.2;timeout=3;replayonstart=0;schedule=none{extra}";

    /// <summary>Accepts the next connection and returns Fillmore's Logon.</summary>
    public async Task<FixMessage> AcceptAsync()
    {
        _socket?.Dispose();
        _socket = await _listener.AcceptSocketAsync().WaitAsync(FixProbe.Bound);
        var stream = new NetworkStream(_socket, ownsSocket: false);
        _reading = ReadAsync(PipeReader.Create(stream));
        return await ExpectAsync("A");
    }

    /// <summary>The next message Fillmore sends, which must be of this type (heartbeats in between are
    /// skipped).</summary>
    public async Task<FixMessage> ExpectAsync(string msgType)
    {
        using var timeout = new CancellationTokenSource(FixProbe.Bound);
        while (true)
        {
            var message = await _received.Reader.ReadAsync(timeout.Token);
            if (message.MsgType == msgType) return message;
            if (message.MsgType != "0") throw new Xunit.Sdk.XunitException($"Expected 35={msgType}, got {message}");
        }
    }

    /// <summary>A well-formed message from the peer with the next sequence number (or the one given).</summary>
    public Task SendAsync(string msgType, string body = "", long? seq = null, bool possDup = false,
        string extraHeader = "")
    {
        var number = seq ?? NextOut++;
        var now = DateTime.UtcNow.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var dup = possDup ? $"43=Y\u0001122={now}\u0001" : "";
        var header = $"35={msgType}|49=PEER|56=CLIENT1|34={number}|{dup}52={now}|{extraHeader}";
        return SendRawAsync(Frame(BeginString, header + Soh(body)));
    }

    /// <summary>Bytes exactly as given ('|' stands for SOH).</summary>
    public async Task SendRawAsync(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text.Replace('|', '\u0001'));
        await _socket!.SendAsync(bytes);
    }

    /// <summary>A whole frame around a header+body ('|' for SOH), with the right BodyLength and CheckSum.</summary>
    public static string Frame(string beginString, string headerAndBody)
    {
        var body = Soh(headerAndBody);
        var prefix = $"8={beginString}\u00019={Encoding.ASCII.GetByteCount(body)}\u0001";
        var checksum = Encoding.ASCII.GetBytes(prefix + body).Sum(b => b) % 256;
        return $"{prefix}{body}10={checksum:D3}\u0001";
    }

    public void Drop() => _socket?.Close();

    private static string Soh(string text) => text.Replace('|', '\u0001');

    private async Task ReadAsync(PipeReader reader)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (true)
                {
                    var frame = FixFramer.Read(buffer);
                    buffer = buffer.Slice(frame.Consumed);
                    if (frame.Status == FixFrameStatus.Incomplete) break;
                    if (FixMessage.Parse(frame.Message, out _) is { } message) _received.Writer.TryWrite(message);
                }
                reader.AdvanceTo(buffer.Start, result.Buffer.End);
                if (result.IsCompleted) return;
            }
        }
        catch (Exception) { /* the connection closed */ }
    }

    public async ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _listener.Stop();
        await _reading;
    }
}
