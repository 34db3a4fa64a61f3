// A query string on a route that reads none is refused with UNKNOWN_FIELD (and nothing happens),
// never ignored; routes that read their query keep checking their own parameters; access_token is
// taken everywhere.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;

public sealed class QueryGuardTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    [Fact]
    public async Task A_route_that_reads_no_query_refuses_one_and_does_nothing()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var order = new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "LIMIT", price = 180m, time_in_force = "GTC" };
        var refused = await alice.PostAsJsonAsync("/api/v1/orders?dry_run=true", order);
        var problem = await refused.JsonAsync();
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (refused.StatusCode, problem.Str("code")));
        Assert.Equal(("UNKNOWN_FIELD", "dry_run"), (problem.GetProperty("errors")[0].Str("code"), problem.GetProperty("errors")[0].Str("field")));
        Assert.Equal(0, (await (await alice.GetAsync("/api/v1/orders")).JsonAsync()).GetProperty("total").GetInt32());

        var placed = await (await alice.PostAsJsonAsync("/api/v1/orders", order)).JsonAsync();
        var cancel = await alice.PostAsync($"/api/v1/orders/{placed.Id()}/cancel?force=1", null);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.NotEqual("CANCELLED", (await alice.GetOrderAsync(placed.Id())).Str("status"));
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetAsync($"/api/v1/orders/{placed.Id()}?fields=id")).StatusCode);
    }

    [Fact]
    public async Task Routes_that_read_their_query_and_access_token_still_work()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/v1/orders?status=PENDING&limit=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/v1/account")).StatusCode);
        var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/account?access_token={FillmoreFactory.Alice}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready?probe=k8s")).StatusCode);   // not an API route
    }

    public void Dispose() => _factory.Dispose();
}
