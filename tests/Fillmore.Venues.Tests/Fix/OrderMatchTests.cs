// FixVenue against QuickFIX's ordermatch (FIX 4.2), a real limit order book: orders rest (an
// ExecutionReport New answers them), a crossing order trades at the ask's price (Market::match) with reports
// to both sides, a cancel takes the rest off the book (ordermatch answers with the ORIGINAL ClOrdID
// and no OrigClOrdID, which still maps to the order), and what it refuses is Rejected by the venue.
// Every test ends by checking that ordermatch took each order exactly once.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class OrderMatchTests : IDisposable
{
    private readonly FixStores _stores = new();

    [FixFact]
    public async Task Orders_rest_match_at_the_ask_price_and_the_rest_is_cancelled()
    {
        await using var ordermatch = await QuickFixAcceptor.StartAsync("ordermatch", "FIX.4.2", "ORDERMATCH");
        await using var venue = await FixProbe.LoggedOnAsync(ordermatch.ConnectionString("ordermatch"),
            await _stores.OpenAsync());
        var buy = FixProbe.Limit("MSFT", Side.Buy, 10, 100m);
        var sell = FixProbe.Limit("MSFT", Side.Sell, 4, 99m);

        var rested = Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(buy));
        Assert.Empty(rested.Executions);
        Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(sell));
        var bought = await venue.ReportAsync(buy.Id, ExecutionKind.Fill);
        var sold = await venue.ReportAsync(sell.Id, ExecutionKind.Fill);
        Assert.Equal((4L, 99m, 4L), (bought.LastQuantity, bought.LastPrice, bought.CumulativeQuantity));
        Assert.Equal((4L, 99m, 4L), (sold.LastQuantity, sold.LastPrice, sold.CumulativeQuantity));

        Assert.IsType<VenueOutcome.Confirmed>(await venue.CancelAsync(buy.Id));
        var cancelled = await venue.ReportAsync(buy.Id, ExecutionKind.Cancelled);
        Assert.Equal(4L, cancelled.CumulativeQuantity);
        Assert.Equal((1, 1), (await ordermatch.ProcessedOnceLoggedAsync(buy.Id.ToString()),
            await ordermatch.ProcessedOnceLoggedAsync(sell.Id.ToString())));
    }

    [FixFact]
    public async Task What_ordermatch_refuses_is_rejected_by_the_venue()
    {
        await using var ordermatch = await QuickFixAcceptor.StartAsync("ordermatch", "FIX.4.2", "ORDERMATCH");
        await using var venue = await FixProbe.LoggedOnAsync(ordermatch.ConnectionString("ordermatch",
            ";tif=day,ioc;types=limit,market"),
            await _stores.OpenAsync());
        var ioc = FixProbe.Limit(tif: TimeInForce.Ioc);
        var market = Probe.NewOrder(type: OrderType.Market);

        var refusedTif = Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(ioc));
        var refusedType = Assert.IsType<VenueOutcome.Rejected>(await venue.SubmitAsync(market));

        Assert.Equal(("VENUE_REJECTED", "VENUE_REJECTED"), (refusedTif.Code, refusedType.Code));
        Assert.Contains("Unsupported TIF", refusedTif.Reason);
        Assert.Equal((1, 1), (await ordermatch.ProcessedOnceLoggedAsync(ioc.Id.ToString()),
            await ordermatch.ProcessedOnceLoggedAsync(market.Id.ToString())));
    }

    public void Dispose() => _stores.Dispose();
}
