// One simulated bot: an HTTP client authenticated as its trader, and optionally its event stream.
namespace Fillmore.Bench;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

public sealed class Trader(string id, HttpClient http) : IAsyncDisposable
{
    private int _sequence;
    private readonly string _token = Service.TokenFor(id);

    public string Id { get; } = id;
    public EventStream? Stream { get; private set; }

    public async Task ConnectStreamAsync(Uri service) => Stream = await EventStream.ConnectAsync(service, _token);

    public string NextClientOrderId() => $"{Id}-{Interlocked.Increment(ref _sequence)}";

    /// <summary>Submits and returns the Stopwatch timestamps of sending and of the 201, and the order id.</summary>
    public async Task<(long Sent, long Acknowledged, string OrderId)> SubmitAsync(object order)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(order) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var acknowledged = Stopwatch.GetTimestamp();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{Id}: submit answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (sent, acknowledged, body.GetProperty("id").GetString()!);
    }

    public async Task<long> CancelAsync(string orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/cancel");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return sent;
    }

    /// <summary>A marketable limit price: set, the trader's orders are 1-share LIMIT buys at it instead of MARKET
    /// (a FIX venue such as executor takes limit orders only).</summary>
    public decimal? LimitPrice { get; set; }

    /// <summary>The benchmark's order: 1 share of AAPL, at the market or at LimitPrice.</summary>
    public object Order(string clientOrderId) => LimitPrice is { } price
        ? new
        {
            symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price, client_order_id = clientOrderId,
        }
        : Market(clientOrderId);

    public object Market(string clientOrderId, string symbol = "AAPL") =>
        new { symbol, side = "BUY", quantity = 1, order_type = "MARKET", client_order_id = clientOrderId };

    public async ValueTask DisposeAsync()
    {
        if (Stream is not null) await Stream.DisposeAsync();
    }
}
