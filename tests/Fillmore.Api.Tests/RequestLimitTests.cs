// What a client cannot make Fillmore swallow: a number sent as a string, a body, headers, a query
// string or a WebSocket message beyond the limits (docs/api.md, Limits). Each is refused with a
// problem (or, on the stream, a closing frame) with its own code, and nothing is stored.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.WebSockets;
using System.Text;

public sealed class RequestLimitTests : IDisposable
{
    private readonly FillmoreFactory _factory = new(kestrel: true);

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, string Code)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, (await response.JsonAsync()).Str("code"));
    }

    private async Task<long> OrdersAsync() =>
        (await (await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64();

    [Theory]
    [InlineData("{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":\"10\",\"order_type\":\"MARKET\"}", "quantity")]
    [InlineData("{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":10,\"order_type\":\"LIMIT\",\"price\":\"185.00\"}", "price")]
    public async Task A_number_sent_as_a_string_is_refused_by_name_and_nothing_is_stored(string body, string field)
    {
        var response = await _factory.ClientFor(FillmoreFactory.Alice).PostAsync("/api/v1/orders",
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, "NUMBER_AS_STRING"), await ProblemAsync(response));
        var error = (await _factory.ClientFor(FillmoreFactory.Alice).PostAsync("/api/v1/orders",
            new StringContent(body, Encoding.UTF8, "application/json"))).JsonAsync();
        Assert.Equal(field, (await error).GetProperty("errors")[0].Str("field"));
        Assert.Equal(0, await OrdersAsync());
    }

    // In memory (TestServer): over a socket the server answers before the client has sent its whole body and closes
    // the connection, which a client may see as a reset before it reads the answer.
    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_content_length()
    {
        var padding = new string(' ', 70 * 1024);
        var body = "{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":1,\"order_type\":\"MARKET\"}" + padding;
        using var inMemory = new FillmoreFactory();
        var alice = inMemory.ClientFor(FillmoreFactory.Alice);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE"),
            await ProblemAsync(await alice.PostAsync("/api/v1/orders", new StringContent(body, Encoding.UTF8, "application/json"))));

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE"), await ProblemAsync(await alice.SendAsync(request)));
        var stored = await (await inMemory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/orders")).JsonAsync();
        Assert.Equal(0, stored.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_query_string_over_the_limit_is_414_and_headers_over_theirs_431()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        Assert.Equal(((HttpStatusCode)414, "QUERY_TOO_LONG"),
            await ProblemAsync(await alice.GetAsync("/api/v1/orders?symbol=" + new string('A', 5000))));

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orders");
        for (var i = 0; i < 20; i++) request.Headers.Add($"X-Padding-{i}", new string('x', 1000));
        Assert.Equal(((HttpStatusCode)431, "HEADERS_TOO_LARGE"), await ProblemAsync(await alice.SendAsync(request)));
    }

    [Fact]
    public async Task A_stream_client_that_sends_a_message_over_the_limit_gets_a_closing_frame_and_1009()
    {
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        await alice.Socket.SendAsync(new byte[5000], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var closing = await alice.NextAsync();
        Assert.Equal(("closing", "MESSAGE_TOO_LARGE"), (closing.Str("event"), closing.Str("code")));
        await Assert.ThrowsAsync<WebSocketException>(() => alice.NextAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, alice.Socket.CloseStatus);
    }

    [Fact]
    public async Task A_small_message_on_the_stream_is_read_and_ignored()
    {
        await using var alice = await StreamClient.ConnectAsync(_factory.ServerAddress, FillmoreFactory.Alice);
        await alice.Socket.SendAsync(Encoding.UTF8.GetBytes("{\"hello\":1}"), WebSocketMessageType.Text, true, CancellationToken.None);
        var created = await _factory.ClientFor(FillmoreFactory.Alice).SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" });
        var id = (await created.JsonAsync()).Id();
        var events = await alice.EventsUntilAsync(e => e.Str("order_id") == id);
        Assert.Equal("order.accepted", events[^1].Str("event"));
    }
}
