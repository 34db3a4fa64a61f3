namespace Fillmore.Api.Tests;

using System.Net.Http.Json;

public sealed class RestartTests
{
    [Fact]
    public async Task Orders_fills_and_audit_survive_a_restart()
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-restart-").FullName;
        string filledId, restingId;
        int auditBefore;
        using (var first = new FillmoreFactory(dir))
        {
            var alice = first.ClientFor(FillmoreFactory.Alice);
            filledId = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" })).JsonAsync()).Id();
            await alice.WaitForStatusAsync(filledId, "FILLED");
            restingId = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 2, order_type = "LIMIT", price = 175.00m })).JsonAsync()).Id();
            await alice.WaitForStatusAsync(restingId, "PENDING");
            auditBefore = (await alice.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/orders/{filledId}/audit")).GetProperty("total").GetInt32();
        }
        using var second = new FillmoreFactory(dir);
        var again = second.ClientFor(FillmoreFactory.Alice);
        var filled = await again.GetOrderAsync(filledId);
        Assert.Equal(("FILLED", 1), (filled.Str("status"), filled.GetProperty("fills").GetArrayLength()));
        Assert.Equal(auditBefore, (await again.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/orders/{filledId}/audit")).GetProperty("total").GetInt32());
        // The in-process paper exchange starts empty, so start-up reconciliation finds the resting
        // order gone and says so, instead of pretending it still works.
        var resting = await again.WaitForStatusAsync(restingId, "FAILED");
        Assert.Contains("no longer holds", resting.Str("reason"));
    }
}
