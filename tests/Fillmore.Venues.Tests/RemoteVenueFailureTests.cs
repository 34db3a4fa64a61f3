// Every way a request can fail, produced by a real server, and the outcome RemoteVenue gives it:
// Retryable only when the exchange provably never saw the request; Unknown whenever it may have
// acted; Rejected and Fatal from the exchange's answer. Nothing is thrown.
namespace Fillmore.Venues.Tests;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote;

public sealed class RemoteVenueFailureTests
{
    [Fact]
    public async Task Connection_refused_is_retryable_queries_prove_nothing_and_market_data_fails_closed()
    {
        await using var venue = new RemoteVenue(Probe.Options($"http://127.0.0.1:{Probe.FreePort()}"), TimeProvider.System);
        await venue.WaitUntilReadyAsync();

        Assert.Equal("VENUE_UNREACHABLE", Assert.IsType<VenueOutcome.Retryable>(await venue.SubmitAsync(Probe.NewOrder())).Code);
        Assert.IsType<VenueOutcome.Retryable>(await venue.CancelAsync(new OrderId(Guid.NewGuid())));
        Assert.IsType<VenueQuery.Unknown>(await venue.QueryAsync(new OrderId(Guid.NewGuid())));
        Assert.Null(await venue.ListOpenOrdersAsync());
        Assert.Null(venue.FindInstrument(Symbol.Of("AAPL")));
        Assert.False(venue.TryGetQuote(Symbol.Of("AAPL"), out _));
        Assert.False(venue.ReportsConnected);
    }

    [Fact]
    public async Task An_answer_lost_after_the_exchange_acted_is_unknown_and_the_order_is_found_there()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        await exchange.SetFaultsAsync(new { drop_response = 1.0 });
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 100m);

        var outcome = await venue.SubmitAsync(order);

        Assert.Equal("CONNECTION_LOST", Assert.IsType<VenueOutcome.Unknown>(outcome).Code);
        await exchange.SetFaultsAsync(new { });
        Assert.Equal(VenueOrderStatus.Working, Assert.IsType<VenueQuery.Found>(await venue.QueryAsync(order.Id)).State.Status);
    }

    [Fact]
    public async Task A_cancel_whose_answer_is_lost_is_unknown_and_sent_only_once()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        var order = Probe.NewOrder(type: OrderType.Limit, limit: 100m);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(order));
        await exchange.SetFaultsAsync(new { drop_response = 1.0 });

        var outcome = await venue.CancelAsync(order.Id);

        // Had HttpClient silently re-sent the cancel, the second one would be TOO_LATE_TO_CANCEL (Rejected).
        Assert.IsType<VenueOutcome.Unknown>(outcome);
        await venue.NextReportAsync(order.Id, ExecutionKind.Cancelled);
    }

    [Fact]
    public async Task A_server_that_reads_the_request_and_hangs_up_gives_unknown()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var requests = new ConcurrentQueue<string>();
        var server = HangUpAfterReadingAsync(listener, requests, stop.Token);
        await using var venue = new RemoteVenue(Probe.Options($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), TimeProvider.System);

        var outcome = await venue.SubmitAsync(Probe.NewOrder());

        Assert.Equal("CONNECTION_LOST", Assert.IsType<VenueOutcome.Unknown>(outcome).Code);
        Assert.Single(requests, r => r.StartsWith("POST /v1/orders", StringComparison.Ordinal));   // read in full, and sent once
        await stop.CancelAsync();
        await server;
    }

    [Fact]
    public async Task A_server_that_never_answers_gives_unknown_after_the_request_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var silent = new CancellationTokenSource();
        var accepted = listener.AcceptTcpClientAsync(silent.Token).AsTask();
        var options = Probe.Options($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        await using var venue = new RemoteVenue(options, TimeProvider.System);

        var outcome = await venue.SubmitAsync(Probe.NewOrder());

        Assert.Equal("VENUE_TIMEOUT", Assert.IsType<VenueOutcome.Unknown>(outcome).Code);
        await silent.CancelAsync();
        (await accepted.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null))?.Dispose();
    }

    [Fact]
    public async Task A_503_is_unknown()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        await exchange.SetFaultsAsync(new { server_error = 1.0 });

        var outcome = await venue.SubmitAsync(Probe.NewOrder());

        Assert.Equal("HTTP_503", Assert.IsType<VenueOutcome.Unknown>(outcome).Code);
    }

    [Fact]
    public async Task A_429_is_retryable_after_the_exchange_says()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        await exchange.SetFaultsAsync(new { throttle = 1.0 });
        var order = Probe.NewOrder();

        var outcome = await venue.SubmitAsync(order);

        var retryable = Assert.IsType<VenueOutcome.Retryable>(outcome);
        Assert.Equal(("THROTTLED", TimeSpan.FromSeconds(1)), (retryable.Code, retryable.RetryAfter));
        await exchange.SetFaultsAsync(new { });
        Assert.IsType<VenueQuery.NotFound>(await venue.QueryAsync(order.Id));
    }

    [Fact]
    public async Task A_failed_status_query_is_unknown_and_the_open_list_cannot_say()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = await Probe.ConnectedAsync(exchange.Url);
        await exchange.SetFaultsAsync(new { query_failure = 1.0 });

        Assert.IsType<VenueQuery.Unknown>(await venue.QueryAsync(new OrderId(Guid.NewGuid())));
        Assert.Null(await venue.ListOpenOrdersAsync());
    }

    [Fact]
    public async Task A_wrong_api_key_is_fatal_and_the_right_one_trades()
    {
        await using var exchange = await ExchangeServer.StartAsync("ApiKey=s3cret");
        await using var stranger = new RemoteVenue(Probe.Options(exchange.Url), TimeProvider.System);
        await using var member = await Probe.ConnectedAsync(exchange.Url, o => o.ApiKey = "s3cret");

        Assert.Equal("UNAUTHORIZED", Assert.IsType<VenueOutcome.Fatal>(await stranger.SubmitAsync(Probe.NewOrder())).Code);
        Assert.IsType<VenueOutcome.Confirmed>(await member.SubmitAsync(Probe.NewOrder()));
        Assert.NotNull(member.FindInstrument(Symbol.Of("AAPL")));
    }

    [Fact]
    public async Task An_address_that_is_not_the_exchange_is_fatal_for_orders_and_never_proves_an_order_absent()
    {
        await using var exchange = await ExchangeServer.StartAsync();
        await using var venue = new RemoteVenue(Probe.Options(exchange.Url + "/not-the-exchange"), TimeProvider.System);

        Assert.Equal("VENUE_PROTOCOL_MISMATCH", Assert.IsType<VenueOutcome.Fatal>(await venue.SubmitAsync(Probe.NewOrder())).Code);
        Assert.IsType<VenueQuery.Unknown>(await venue.QueryAsync(new OrderId(Guid.NewGuid())));   // a bare 404 is not ORDER_NOT_FOUND
    }

    // Every connection: reads one whole request (headers and Content-Length body), then resets
    // the connection without a word, as a server crashing mid-request does.
    private static async Task HangUpAfterReadingAsync(TcpListener listener, ConcurrentQueue<string> requests, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            while (true) connections.Add(HangUpAsync(await listener.AcceptTcpClientAsync(stop), requests));
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(connections);
    }

    private static async Task HangUpAsync(TcpClient client, ConcurrentQueue<string> requests)
    {
        using var _ = client;
        var stream = client.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!WholeRequest(received.ToString()))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0) break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        requests.Enqueue(received.ToString());
        client.Client.LingerState = new LingerOption(true, 0);
    }

    private static bool WholeRequest(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var header = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = header is null ? 0 : int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= length;
    }
}
