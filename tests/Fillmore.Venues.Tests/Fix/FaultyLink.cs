// A TCP relay on loopback between Fillmore and a real acceptor, to break the connection the way
// networks do: it forwards both ways until told to swallow one direction (bytes vanish, as on a
// link that died silently) or to cut the connection (both sides see it close). New connections
// are relayed again afresh, so the session can reconnect through it.
namespace Fillmore.Venues.Tests.Fix;

using System.Net;
using System.Net.Sockets;

public sealed class FaultyLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly Task _accepting;
    private volatile bool _swallowToVenue, _swallowToClient;

    public FaultyLink(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes from Fillmore to the venue are dropped from now on.</summary>
    public void SwallowToVenue() => _swallowToVenue = true;

    /// <summary>Bytes from the venue to Fillmore are dropped from now on.</summary>
    public void SwallowToClient() => _swallowToClient = true;

    /// <summary>Closes the relayed connections; later ones are relayed normally again.</summary>
    public void Cut()
    {
        lock (_open)
        {
            foreach (var socket in _open) socket.Close();
            _open.Clear();
            _swallowToVenue = _swallowToClient = false;
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var venue = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try { await venue.ConnectAsync(IPAddress.Loopback, _target, _stop.Token); }
                catch (SocketException) { client.Close(); venue.Dispose(); continue; }
                lock (_open) _open.AddRange([client, venue]);
                _ = PumpAsync(client, venue, toVenue: true);
                _ = PumpAsync(venue, client, toVenue: false);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toVenue)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) break;
                if (toVenue ? _swallowToVenue : _swallowToClient) continue;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception) { /* either side closed */ }
        from.Close();
        to.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
    }
}
