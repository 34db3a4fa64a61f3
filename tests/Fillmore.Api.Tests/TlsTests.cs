// Fillmore as a real process with TLS on, the way the README's HTTPS quick start runs it (the
// certificate from scripts/dev-cert, FILLMORE_TLS_CERT/FILLMORE_TLS_KEY, the default --urls
// given as http://): a TLS 1.3 handshake succeeds and a TLS 1.2 one is refused (SslStream), unless
// the setting allows 1.2; plain HTTP gets no answer on that port; every HTTPS answer carries HSTS
// and the security headers; an order goes in over HTTPS and its events come back over wss://.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("fillmore-tls-").FullName;
    private readonly List<ServiceProcess> _processes = [];
    private DevCertificate _certificate = null!;

    public Task InitializeAsync()
    {
        _certificate = DevCertificate.Make();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
    }

    private async Task<ServiceProcess> StartAsync(Dictionary<string, string>? extra = null)
    {
        var environment = _certificate.Environment();
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["FILLMORE_DB"] = Path.Combine(_workDir, $"fillmore-{_processes.Count}.db");
        foreach (var (key, value) in extra ?? []) environment[key] = value;
        var process = await ServiceProcess.StartHttpsAsync("Fillmore.Api", _workDir, environment, _certificate.Trust);
        _processes.Add(process);
        return process;
    }

    private async Task<SslProtocols> HandshakeAsync(ServiceProcess service, SslProtocols offered)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.Address.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, _certificate.Trust);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = offered,
        }, timeout.Token);
        return tls.SslProtocol;
    }

    [Fact]
    public async Task Only_TLS_1_3_is_offered_by_default_and_plain_HTTP_gets_no_answer()
    {
        var service = await StartAsync();
        Assert.Equal("https", service.Address.Scheme);
        Assert.Equal(SslProtocols.Tls13, await HandshakeAsync(service, SslProtocols.Tls13));
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(service, SslProtocols.Tls12));

        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            plain.GetAsync(new UriBuilder(service.Address) { Scheme = "http" }.Uri + "health/live"));
    }

    [Fact]
    public async Task The_setting_allows_TLS_1_2_and_nothing_older()
    {
        var service = await StartAsync(new() { ["FILLMORE_TLS_MIN_VERSION"] = "1.2" });
        Assert.Equal(SslProtocols.Tls12, await HandshakeAsync(service, SslProtocols.Tls12));
        Assert.Equal(SslProtocols.Tls13, await HandshakeAsync(service, SslProtocols.Tls13));
#pragma warning disable SYSLIB0039   // offering TLS 1.1 on purpose: the server must refuse it
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(service, SslProtocols.Tls11));
#pragma warning restore SYSLIB0039
    }

    [Fact]
    public async Task Answers_over_HTTPS_carry_HSTS_and_the_security_headers_and_the_stream_is_wss()
    {
        var service = await StartAsync();
        var alice = service.Client(FillmoreFactory.Alice);
        var orders = await alice.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(",", orders.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("nosniff", string.Join(",", orders.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", orders.Headers.GetValues("X-Frame-Options")));
        Assert.True(orders.Headers.CacheControl!.NoStore);

        await using var stream = await StreamClient.ConnectAsync(service.Address, FillmoreFactory.Alice, trust: _certificate.Trust);
        var submitted = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.JsonAsync()).Id();
        var events = await stream.EventsUntilAsync(e => e.Str("order_id") == id && e.Str("event") == "order.accepted");
        Assert.Equal("order.accepted", events[^1].Str("event"));
    }
}
