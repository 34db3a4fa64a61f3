// One simulated bot: the client library (Fillmore.Client) authenticated as its trader with a JWT,
// over the harness's shared connection pool, and optionally its event stream.
namespace Fillmore.Bench;

using System.Diagnostics;
using Fillmore.Client;

public sealed class Trader : IAsyncDisposable
{
    private readonly FillmoreClient _client;
    private int _sequence;

    public Trader(string id, HttpClient http)
    {
        Id = id;
        // No retries: a benchmark reports what the service answers, and every submit carries its own id anyway.
        _client = new FillmoreClient(http, new FillmoreClientOptions { BearerToken = Service.TokenFor(id), MaxRetries = 0 });
    }

    public string Id { get; }
    public EventStream? Stream { get; private set; }

    public async Task ConnectStreamAsync(Uri service) =>
        Stream = await EventStream.ConnectAsync(service, [("Authorization", $"Bearer {_client.Options.BearerToken}")]);

    public string NextClientOrderId() => $"{Id}-{Interlocked.Increment(ref _sequence)}";

    /// <summary>Submits and returns the Stopwatch timestamps of sending and of the 201, and the order id.</summary>
    public async Task<(long Sent, long Acknowledged, Guid OrderId)> SubmitAsync(OrderRequest order)
    {
        var sent = Stopwatch.GetTimestamp();
        var result = await _client.SubmitOrderAsync(order);
        var acknowledged = Stopwatch.GetTimestamp();
        if (result.Replayed) throw new InvalidOperationException($"{Id}: {order.ClientOrderId} was answered as a replay");
        return (sent, acknowledged, result.Order.Id);
    }

    public async Task<long> CancelAsync(Guid orderId)
    {
        var sent = Stopwatch.GetTimestamp();
        await _client.CancelOrderAsync(orderId);
        return sent;
    }

    /// <summary>A marketable limit price: set, the trader's orders are 1-share LIMIT buys at it instead of MARKET
    /// (a FIX venue such as executor takes limit orders only).</summary>
    public decimal? LimitPrice { get; set; }

    /// <summary>The benchmark's order: 1 share of AAPL, at the market or at LimitPrice.</summary>
    public OrderRequest Order(string clientOrderId) => LimitPrice is { } price
        ? OrderRequest.Limit("AAPL", Side.Buy, 1, price) with { ClientOrderId = clientOrderId }
        : Market(clientOrderId);

    private static OrderRequest Market(string clientOrderId, string symbol = "AAPL") =>
        OrderRequest.Market(symbol, Side.Buy, 1) with { ClientOrderId = clientOrderId };

    public async ValueTask DisposeAsync()
    {
        if (Stream is not null) await Stream.DisposeAsync();
        _client.Dispose();
    }
}
