// GET /api/v1/audit: filters, cursor paging, and a 400 naming every bad parameter at once.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Text.Json;

public sealed class AuditQueryTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    private async Task<(string Filled, string Resting, string BobOrder)> TradeAsync()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var filled = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 2, order_type = "MARKET" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(filled, "FILLED");
        _factory.Time.Advance(TimeSpan.FromMinutes(10));                 // 14:40
        var resting = (await (await alice.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 1, order_type = "LIMIT", price = 400.00m })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(resting, "PENDING");
        var bob = _factory.ClientFor(FillmoreFactory.Bob);
        var bobOrder = (await (await bob.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync()).Id();
        await bob.WaitForStatusAsync(bobOrder, "FILLED");
        return (filled, resting, bobOrder);
    }

    private async Task<List<JsonElement>> EntriesAsync(string key, string query)
    {
        var response = await _factory.ClientFor(key).GetAsync("/api/v1/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("data").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Filters_narrow_the_entries_for_compliance_and_for_a_trader()
    {
        var (filled, resting, bobOrder) = await TradeAsync();
        var c = FillmoreFactory.Compliance;
        var all = await EntriesAsync(c, "");
        Assert.Equal(all.Select(e => e.GetProperty("id").GetInt64()).Order(), all.Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(["alice", "bob"], all.Select(e => e.Str("trader_id")).Distinct().Order());

        Assert.All(await EntriesAsync(c, "trader_id=bob"), e => Assert.Equal(bobOrder, e.Str("order_id")));
        Assert.All(await EntriesAsync(c, "symbol=msft"), e => Assert.Equal(resting, e.Str("order_id")));
        var fills = await EntriesAsync(c, "action=FILLED");
        Assert.Equal([filled, bobOrder], fills.Select(e => e.Str("order_id")));
        Assert.Equal(["SUBMITTED", "APPROVED", "EXECUTED", "ACKNOWLEDGED", "FILLED"], (await EntriesAsync(c, $"order_id={filled}")).Select(e => e.Str("action")));
        Assert.DoesNotContain(filled, (await EntriesAsync(c, "from=2026-11-24T14:35:00Z")).Select(e => e.Str("order_id")));
        Assert.Equal([filled], (await EntriesAsync(c, "to=2026-11-24T14:35")).Select(e => e.Str("order_id")).Distinct());
        // An offset, with its + sent unencoded (it arrives as a space), is read as meant: 15:35+01:00 is 14:35Z.
        Assert.Equal([filled], (await EntriesAsync(c, "from=2026-11-24&to=2026-11-24T15:35:00+01:00")).Select(e => e.Str("order_id")).Distinct());
        Assert.Equal([filled, bobOrder], (await EntriesAsync(c, "symbol=AAPL&action=FILLED&from=2026-11-24&to=2026-11-25")).Select(e => e.Str("order_id")));

        var alice = FillmoreFactory.Alice;
        Assert.Equal([filled], (await EntriesAsync(alice, "action=FILLED")).Select(e => e.Str("order_id")));
        Assert.Equal([filled], (await EntriesAsync(alice, "action=FILLED&trader_id=bob")).Select(e => e.Str("order_id")));
        Assert.Empty(await EntriesAsync(alice, $"order_id={bobOrder}"));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_to_the_end()
    {
        await TradeAsync();
        var client = _factory.ClientFor(FillmoreFactory.Compliance);
        var first = await (await client.GetAsync("/api/v1/audit?limit=4")).JsonAsync();
        Assert.Equal([1L, 2L, 3L, 4L], first.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(4, first.GetProperty("next_cursor").GetInt64());
        var total = await Workload.ScalarAsync(_factory.DatabasePath, "SELECT COUNT(*) FROM execution_log");
        var rest = await (await client.GetAsync($"/api/v1/audit?cursor=4&limit={total - 4}")).JsonAsync();
        Assert.Equal(total - 4, rest.GetProperty("data").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next_cursor").ValueKind);
        var past = await (await client.GetAsync($"/api/v1/audit?cursor={total}")).JsonAsync();
        Assert.Equal((0, JsonValueKind.Null), (past.GetProperty("data").GetArrayLength(), past.GetProperty("next_cursor").ValueKind));
        Assert.Equal(Math.Min(100, total), (await (await client.GetAsync("/api/v1/audit")).JsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit", "LIMIT_OUT_OF_RANGE")]
    [InlineData("limit=501", "limit", "LIMIT_OUT_OF_RANGE")]
    [InlineData("limit=ten", "limit", "LIMIT_OUT_OF_RANGE")]
    [InlineData("cursor=-1", "cursor", "CURSOR_INVALID")]
    [InlineData("cursor=next", "cursor", "CURSOR_INVALID")]
    [InlineData("from=yesterday", "from", "FROM_INVALID")]
    [InlineData("to=24/11/2026", "to", "TO_INVALID")]
    [InlineData("from=2026-11-25&to=2026-11-24", "to", "RANGE_INVALID")]
    [InlineData("action=SHREDDED", "action", "ACTION_INVALID")]
    [InlineData("symbol=NOT%20A%20TICKER", "symbol", "SYMBOL_INVALID")]
    [InlineData("order_id=42", "order_id", "ORDER_ID_INVALID")]
    [InlineData("trader_id=%20", "trader_id", "TRADER_ID_INVALID")]
    public async Task Each_bad_parameter_is_a_400_with_its_own_code(string query, string field, string code)
    {
        var response = await _factory.ClientFor(FillmoreFactory.Compliance).GetAsync("/api/v1/audit?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(("VALIDATION_FAILED", "The query is not valid"), (problem.Str("code"), problem.Str("title")));
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((field, code), (error.Str("field"), error.Str("code")));
        Assert.False(string.IsNullOrWhiteSpace(error.Str("suggestion")));
    }

    [Fact]
    public async Task Every_bad_parameter_is_listed_at_once()
    {
        var response = await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/api/v1/audit?limit=9999&cursor=x&action=nope&from=soon");
        var problem = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["ACTION_INVALID", "FROM_INVALID", "CURSOR_INVALID", "LIMIT_OUT_OF_RANGE"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.Str("code")));
        Assert.StartsWith("The query has 4 problems", problem.Str("detail"));
    }

    public void Dispose() => _factory.Dispose();
}
