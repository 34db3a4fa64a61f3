// Fillmore's connections to venues over TLS, checked against a private CA (the dev certificate's):
// the paper exchange served over https with its report stream over wss, and a FIX session to
// QuickFIX's executor through a TLS 1.3 front (tls=true;tlsca=...), each filling an order.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Security.Authentication;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Exchange;
using Fillmore.Venues.Remote;
using Fillmore.Venues.Tests.Fix;
using Microsoft.Extensions.DependencyInjection;

public sealed class VenueTlsTests
{
    private readonly DevCertificate _certificate = DevCertificate.Make();

    [Fact]
    public async Task The_remote_exchange_over_https_and_wss_trusted_through_a_private_CA_fills_an_order()
    {
        await using var exchange = ExchangeHost.Build(["--urls", "https://127.0.0.1:0", "--Exchange:QuoteInterval",
            "01:00:00", "--Kestrel:Certificates:Default:Path", _certificate.CertificatePath,
            "--Kestrel:Certificates:Default:KeyPath", _certificate.KeyPath]);
        await exchange.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("https://", exchange.Urls.Single());
        await using var venue = new RemoteVenue(new RemoteVenueOptions
        {
            Url = exchange.Urls.Single(),
            CaCertificate = Path.Combine(_certificate.Folder, "ca.crt"),
        }, TimeProvider.System);
        Assert.True(await venue.WaitUntilReadyAsync());
        using var factory = new FillmoreFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IVenue>(venue);
                services.AddSingleton<IMarketData>(venue);
            },
        };
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await alice.WaitForStatusAsync((await response.JsonAsync()).Id(), "FILLED");   // the fill came over wss
        await exchange.StopAsync();
    }

    [QuickFixFact]
    public async Task A_FIX_session_over_TLS_logs_on_through_a_TLS_1_3_front_and_fills_an_order()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var front = new TlsTerminator(_certificate, executor.Port);
        var connection = executor.ConnectionString("executor").Replace($"port={executor.Port}", $"port={front.Port}",
            StringComparison.Ordinal) + $";tls=true;tlsca={Path.Combine(_certificate.Folder, "ca.crt")}";
        using var factory = new FillmoreFactory { TestServices = services => services.AddSingleton(TimeProvider.System) };
        factory.Settings["Fillmore:Venues:FIX"] = connection;
        var alice = factory.ClientFor(FillmoreFactory.Alice);

        var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 5, order_type = "LIMIT", price = 190.00m });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await alice.WaitForStatusAsync((await response.JsonAsync()).Id(), "FILLED", TimeSpan.FromSeconds(20));
        Assert.Contains(SslProtocols.Tls13, front.Handshakes);
    }
}
