// A TLS front for a plain TCP peer (QuickFIX's acceptors speak no TLS): it accepts TLS 1.3 on a
// loopback port with the dev certificate, then relays bytes both ways to the peer's port, as a
// venue's TLS gateway does. It records the protocol of every handshake it completed.
namespace Fillmore.Api.Tests;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

public sealed class TlsTerminator : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly int _peerPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TlsTerminator(DevCertificate certificate, int peerPort)
    {
        _certificate = X509Certificate2.CreateFromPemFile(certificate.CertificatePath, certificate.KeyPath);
        _peerPort = peerPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public ConcurrentQueue<SslProtocols> Handshakes { get; } = new();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var peer = new TcpClient())
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(10));
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    EnabledSslProtocols = SslProtocols.Tls13,
                }, handshake.Token);
                Handshakes.Enqueue(tls.SslProtocol);
                await peer.ConnectAsync(IPAddress.Loopback, _peerPort, _stop.Token);
                var stream = peer.GetStream();
                await Task.WhenAny(tls.CopyToAsync(stream, _stop.Token), stream.CopyToAsync(tls, _stop.Token));
            }
            catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException
                or SocketException or ObjectDisposedException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _certificate.Dispose();
    }
}
