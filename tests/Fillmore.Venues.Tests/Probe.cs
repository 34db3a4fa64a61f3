// Small helpers shared by the tests: orders to send, bounded waits on reports and conditions,
// a free loopback port nothing listens on.
namespace Fillmore.Venues.Tests;

using System.Net;
using System.Net.Sockets;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote;

public static class Probe
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static Order NewOrder(string symbol = "AAPL", Side side = Side.Buy, long quantity = 10, OrderType type = OrderType.Market,
        decimal? limit = null, decimal? stop = null, TimeInForce tif = TimeInForce.Day) =>
        Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
            new OrderSpec(Symbol.Of(symbol), side, quantity, type, limit, stop, tif, null, null), "SIM", ExecutionPath.V2, DateTimeOffset.UtcNow);

    public static RemoteVenueOptions Options(string url) => new()
    {
        Url = url,
        RequestTimeout = TimeSpan.FromSeconds(5),
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
        QuotePollInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>A venue whose market data was fetched and whose report session is open.</summary>
    public static async Task<RemoteVenue> ConnectedAsync(string url, Action<RemoteVenueOptions>? configure = null)
    {
        var options = Options(url);
        configure?.Invoke(options);
        var venue = new RemoteVenue(options, TimeProvider.System);
        await venue.WaitUntilReadyAsync();
        await UntilAsync(() => venue.ReportsConnected, "the report session to open");
        return venue;
    }

    public static async Task<ExecutionReport> NextReportAsync(this IVenue venue, OrderId id, ExecutionKind kind)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var report = await venue.Reports.ReadAsync(timeout.Token);
            if (report.OrderId == id && report.Kind == kind) return report;
        }
    }

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
