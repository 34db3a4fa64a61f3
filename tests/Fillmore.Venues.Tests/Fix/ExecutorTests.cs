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
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"),
            await _stores.OpenAsync());
        var orders = Enumerable.Range(0, 5).Select(i => FixProbe.Limit(quantity: 10 + i, price: 190.5m + i)).ToList();

        var outcomes = await Task.WhenAll(orders.Select(o => venue.SubmitAsync(o).AsTask()));

        for (var i = 0; i < orders.Count; i++)
        {
            var confirmed = Assert.IsType<VenueOutcome.Confirmed>(outcomes[i]);
            var fill = Assert.Single(confirmed.Executions);
            Assert.Equal((ExecutionKind.Fill, orders[i].Spec.Quantity, orders[i].Spec.LimitPrice!.Value,
                orders[i].Spec.Quantity),
                (fill.Kind, fill.LastQuantity, fill.LastPrice, fill.CumulativeQuantity));
            Assert.Equal(fill, await venue.ReportAsync(orders[i].Id, ExecutionKind.Fill));
        }
        foreach (var o in orders) Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(o.Id.ToString()));
    }

    [FixFact]
    public async Task What_executor_refuses_comes_back_rejected_and_attributed_to_its_order()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        var store = await _stores.OpenAsync();
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor",
            ";types=limit,market;cancel=y"), store);
        var market = Probe.NewOrder(type: OrderType.Market);
        var limit = FixProbe.Limit();

        var refused = Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(market));
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(limit));
        var cancel = Assert.IsType<VenueOutcome.Rejected>(await venue.CancelAsync(limit.Id));

        Assert.Equal("FIX_SESSION_REJECT", refused.Code);          // 35=3, 371=40: attributed through RefSeqNum
        Assert.Contains("(tag 40)", refused.Reason);
        Assert.Equal("CANCEL_NOT_SUPPORTED", cancel.Code);         // 35=j, 380=3
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(limit.Id.ToString()));
        Assert.Equal(0, executor.Processed(market.Id.ToString()));
    }

    [FixFact]
    public async Task What_the_venue_is_declared_not_to_support_is_refused_without_sending_anything()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"),
            await _stores.OpenAsync());
        var market = Probe.NewOrder(type: OrderType.Market);
        var ioc = FixProbe.Limit(tif: TimeInForce.Ioc);
        var before = venue.Snapshot().NextSenderSeqNum;

        Assert.Equal("ORDER_TYPE_NOT_SUPPORTED",
            Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(market)).Code);
        Assert.Equal("TIME_IN_FORCE_NOT_SUPPORTED",
            Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(ioc)).Code);
        Assert.Equal("CANCEL_NOT_SUPPORTED",
            Assert.IsType<VenueOutcome.Rejected>(await venue.CancelAsync(market.Id)).Code);
        Assert.Equal(before, venue.Snapshot().NextSenderSeqNum);
        Assert.Equal((0, 0), (executor.Received(market.Id.ToString(), false), executor.Received(ioc.Id.ToString(),
            false)));
    }

    [FixFact]
    public async Task No_blind_resend_a_sent_order_is_in_doubt_and_an_unsent_one_provably_absent()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"),
            await _stores.OpenAsync());
        var sent = FixProbe.Limit();
        await venue.SubmitAsync(sent);

        var again = Assert.IsType<VenueOutcome.Unknown>(await venue.SubmitAsync(sent));
        Assert.Equal("FIX_ALREADY_SENT", again.Code);
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(sent.Id.ToString()));
        Assert.Equal(1, executor.Received(sent.Id.ToString(), possDup: false));

        var query = Assert.IsType<VenueQuery.Unknown>(await venue.QueryAsync(sent.Id));
        Assert.Contains("cannot answer status requests", query.Reason);
        Assert.IsType<VenueQuery.NotFound>(await venue.QueryAsync(FixProbe.Limit().Id));
        Assert.Null(await venue.ListOpenOrdersAsync());
    }

    [FixFact]
    public async Task The_acceptor_listens_on_loopback_only()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        var listening = await System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ss", ["-ltn"])
            { RedirectStandardOutput = true })!.StandardOutput.ReadToEndAsync();
        var ours = listening.Split('\n').Where(l => l.Contains($":{executor.Port} ")
            || l.Contains($":{executor.HttpPort} ")).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, l => Assert.Contains($"127.0.0.1:", l));
    }

    public void Dispose() => _stores.Dispose();
}
