namespace Fillmore.Api.Tests;

using System.Net;
using Fillmore.Core.Orders;

public sealed class OrderLifecycleTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_market_order_is_persisted_sent_and_filled_at_the_quote()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        _factory.Venue.TryGetQuote(Symbol.Of("AAPL"), out var quote);
        var response = await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal("PENDING_SUBMIT", created.Str("status"));
        Assert.Equal($"/api/v1/orders/{created.Id()}", response.Headers.Location!.ToString());
        Assert.Equal(4, Guid.Parse(created.Id()).Version);

        var filled = await alice.WaitForStatusAsync(created.Id(), "FILLED");
        Assert.Equal(10, filled.GetProperty("filled_quantity").GetInt64());
        Assert.Equal(quote.Ask, filled.GetProperty("average_fill_price").GetDecimal());
        var fill = Assert.Single(filled.GetProperty("fills").EnumerateArray());
        Assert.Equal((10L, quote.Ask, "SIM"), (fill.GetProperty("quantity_filled").GetInt64(), fill.GetProperty("price_at_fill").GetDecimal(), fill.Str("venue")));
        Assert.Equal(7, Guid.Parse(fill.Str("id")).Version);   // time-ordered: fills are keyed by it

        var audit = await (await alice.GetAsync($"/api/v1/orders/{created.Id()}/audit")).JsonAsync();
        var actions = audit.GetProperty("data").EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Equal(["SUBMITTED", "APPROVED", "EXECUTED", "ACKNOWLEDGED", "FILLED"], actions);
        Assert.All(audit.GetProperty("data").EnumerateArray(), e => Assert.Equal("V2", e.Str("execution_path")));
    }

    [Fact]
    public async Task A_resting_limit_order_can_be_cancelled_once()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var created = await (await alice.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 5, order_type = "LIMIT", price = 390.00m, time_in_force = "GTC" })).JsonAsync();
        await alice.WaitForStatusAsync(created.Id(), "PENDING");

        var cancel = await alice.PostAsync($"/api/v1/orders/{created.Id()}/cancel", null);
        Assert.True(cancel.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK);
        Assert.Contains((await cancel.JsonAsync()).Str("status"), new[] { "PENDING_CANCEL", "CANCELLED" });
        var cancelled = await alice.WaitForStatusAsync(created.Id(), "CANCELLED");
        Assert.Equal(0, cancelled.GetProperty("filled_quantity").GetInt64());

        var again = await alice.PostAsync($"/api/v1/orders/{created.Id()}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("ORDER_NOT_CANCELLABLE", (await again.JsonAsync()).Str("code"));
        var actions = (await (await alice.GetAsync($"/api/v1/orders/{created.Id()}/audit")).JsonAsync())
            .GetProperty("data").EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Equal(["SUBMITTED", "APPROVED", "EXECUTED", "ACKNOWLEDGED", "CANCEL_REQUESTED", "CANCELLED"], actions);
    }

    [Fact]
    public async Task A_limit_order_fills_when_the_market_reaches_it()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var created = await (await alice.SubmitAsync(new { symbol = "NVDA", side = "BUY", quantity = 7, order_type = "LIMIT", price = 110.00m })).JsonAsync();
        await alice.WaitForStatusAsync(created.Id(), "PENDING");
        _factory.Venue.SetPrice(Symbol.Of("NVDA"), 109.00m);
        var filled = await alice.WaitForStatusAsync(created.Id(), "FILLED");
        Assert.True(filled.GetProperty("average_fill_price").GetDecimal() <= 110.00m);
    }

    [Fact]
    public async Task Orders_list_newest_first_with_filters_and_validated_paging()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var ids = new List<string>();
        foreach (var (symbol, price) in new[] { ("AAPL", 175.00m), ("MSFT", 390.00m), ("AAPL", 175.00m) })
            ids.Add((await (await alice.SubmitAsync(new { symbol, side = "BUY", quantity = 1, order_type = "LIMIT", price })).JsonAsync()).Id());
        await _factory.ClientFor(FillmoreFactory.Bob).SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m });

        var page = await (await alice.GetAsync("/api/v1/orders?limit=2")).JsonAsync();
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal([ids[2], ids[1]], page.GetProperty("data").EnumerateArray().Select(o => o.Id()));
        var apple = await (await alice.GetAsync("/api/v1/orders?symbol=AAPL&offset=1")).JsonAsync();
        Assert.Equal(ids[0], Assert.Single(apple.GetProperty("data").EnumerateArray()).Id());

        var bad = await alice.GetAsync("/api/v1/orders?limit=500&status=DONE");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["STATUS_INVALID", "LIMIT_OUT_OF_RANGE"], (await bad.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.Str("code")));

        var everyone = await (await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/orders")).JsonAsync();
        Assert.Equal(4, everyone.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_trader_never_sees_or_touches_another_traders_order()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var bob = _factory.ClientFor(FillmoreFactory.Bob);
        var id = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 175.00m })).JsonAsync()).Id();

        foreach (var response in new[]
        {
            await bob.GetAsync($"/api/v1/orders/{id}"),
            await bob.GetAsync($"/api/v1/orders/{id}/audit"),
            await bob.PostAsync($"/api/v1/orders/{id}/cancel", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("ORDER_NOT_FOUND", (await response.JsonAsync()).Str("code"));
        }
        Assert.Equal(0, (await (await bob.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());
        Assert.Equal(0, (await (await bob.GetAsync("/api/v1/orders?trader_id=alice")).JsonAsync()).GetProperty("total").GetInt64());
        Assert.NotEqual("CANCELLED", (await alice.GetOrderAsync(id)).Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync($"/api/v1/orders/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_same_client_order_id_returns_the_original_or_is_refused()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = new { symbol = "AAPL", side = "BUY", quantity = 3, order_type = "LIMIT", price = 175.00m, client_order_id = "bot-42" };
        var first = await alice.SubmitAsync(order);
        var second = await alice.SubmitAsync(order);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var firstId = (await first.JsonAsync()).Id();
        Assert.Equal(firstId, (await second.JsonAsync()).Id());

        var changed = await alice.SubmitAsync(order with { quantity = 4 });
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        var reused = await changed.JsonAsync();
        Assert.Equal("CLIENT_ORDER_ID_REUSED", reused.Str("code"));
        Assert.Equal(firstId, reused.Str("order_id"));

        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { symbol = "AAPL", side = "BUY", quantity = 3, order_type = "LIMIT", price = 175.00m }),
        };
        withHeader.Headers.Add("Idempotency-Key", "bot-42");
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(withHeader)).StatusCode);
        // Bob may use the same key for his own order.
        Assert.Equal(HttpStatusCode.Created, (await _factory.ClientFor(FillmoreFactory.Bob).SubmitAsync(order)).StatusCode);
        Assert.Equal(1, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Concurrent_submissions_with_one_client_order_id_create_one_order()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = new { symbol = "AAPL", side = "BUY", quantity = 3, order_type = "LIMIT", price = 175.00m, client_order_id = "race-1" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => alice.SubmitAsync(order)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.JsonAsync()))).Select(o => o.Id()).Distinct());
    }
}
