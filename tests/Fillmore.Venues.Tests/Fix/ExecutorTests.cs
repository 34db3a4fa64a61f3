// FixVenue against QuickFIX's executor (FIX 4.4 and 4.2): limit orders are filled at once at their
// limit price; what executor refuses (market orders: a session Reject naming the message; cancel
// requests: a BusinessMessageReject) comes back as a Rejected outcome attributed to its order.
// Every test ends by checking that the acceptor took each order exactly once.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class ExecutorTests : IDisposable
{
    private readonly FixStores _stores = new();

    [FixFact]
    public Task Limit_orders_fill_through_executor_on_FIX_4_4() => LimitOrdersFillAsync("FIX.4.4");

    [FixFact]
    public Task Limit_orders_fill_through_executor_on_FIX_4_2() => LimitOrdersFillAsync("FIX.4.2");

    private async Task LimitOrdersFillAsync(string version)
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor", version);
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"), await _stores.OpenAsync());
        var orders = Enumerable.Range(0, 5).Select(i => FixProbe.Limit(quantity: 10 + i, price: 190.5m + i)).ToList();

        var outcomes = await Task.WhenAll(orders.Select(o => venue.SubmitAsync(o).AsTask()));

        for (var i = 0; i < orders.Count; i++)
        {
            var confirmed = Assert.IsType<VenueOutcome.Confirmed>(outcomes[i]);
            var fill = Assert.Single(confirmed.Executions);
            Assert.Equal((ExecutionKind.Fill, orders[i].Spec.Quantity, orders[i].Spec.LimitPrice!.Value, orders[i].Spec.Quantity),
                (fill.Kind, fill.LastQuantity, fill.LastPrice, fill.CumulativeQuantity));
            Assert.Equal(fill, await venue.ReportAsync(orders[i].Id, ExecutionKind.Fill));
        }
        Assert.All(orders, o => Assert.Equal(1, executor.Processed(o.Id.ToString())));
    }

    public void Dispose() => _stores.Dispose();
}
