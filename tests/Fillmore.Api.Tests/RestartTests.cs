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

    [Fact]
    public async Task A_new_paper_exchange_on_the_same_database_fills_under_new_execution_ids()
    {
        // The quick start: the service restarts on its database and its in-process paper exchange starts again
        // from its first execution, a while later. Its fills must not be taken for the old ones (DuplicateFill).
        var dir = Directory.CreateTempSubdirectory("fillmore-restart-").FullName;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero));
        var order = new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" };
        string first;
        using (var before = new FillmoreFactory(dir, time: clock))
        {
            var alice = before.ClientFor(FillmoreFactory.Alice);
            first = (await (await alice.SubmitAsync(order)).JsonAsync()).Id();
            await alice.WaitForStatusAsync(first, "FILLED");
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        using var after = new FillmoreFactory(dir, time: clock);
        var again = after.ClientFor(FillmoreFactory.Alice);
        var second = await again.WaitForStatusAsync((await (await again.SubmitAsync(order)).JsonAsync()).Id(), "FILLED");
        var executions = new[] { await again.GetOrderAsync(first), second }
            .Select(o => o.GetProperty("fills")[0].Str("execution_id")).ToList();
        Assert.NotEqual(executions[0], executions[1]);
    }
}
