// fillmore_orders_open counts every open order in the store by status, a resting order at the venue
// included (neither held nor in flight), and follows it when it ends: read on this host's own
// OpenOrdersGauge meter, after a count the test's clock caused (Refreshed is the barrier).
namespace Fillmore.Api.Tests;

using System.Diagnostics.Metrics;
using Fillmore.Api.Observability;
using Microsoft.Extensions.DependencyInjection;

public sealed class OpenOrdersGaugeTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public OpenOrdersGaugeTests() => _factory.Settings["Fillmore:Metrics:OpenOrdersInterval"] = "00:00:01";

    [Fact]
    public async Task A_resting_order_is_counted_as_pending_until_it_is_cancelled()
    {
        var alice = _factory.ClientFor(FillmoreFactory.Alice);
        var gauge = _factory.Services.GetRequiredService<OpenOrdersGauge>();
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, gauge.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            seen[(string)tags.ToArray().Single(t => t.Key == "status").Value!] = value);
        listener.Start();
        await Wait.UntilAsync(() => gauge.Refreshed > 0, "the first count at start");

        var id = (await (await alice.SubmitAsync(new { symbol = "MSFT", side = "BUY", quantity = 5, order_type = "LIMIT",
            price = 390.00m, time_in_force = "GTC" })).JsonAsync()).Id();
        await alice.WaitForStatusAsync(id, "PENDING");
        await CountAgainAsync(gauge);
        listener.RecordObservableInstruments();
        Assert.Equal(1, seen["PENDING"]);
        Assert.Equal(0, seen["PENDING_SUBMIT"] + seen["PARTIAL"] + seen["PENDING_CANCEL"] + seen["HELD"]);

        Assert.True((await alice.PostAsync($"/api/v1/orders/{id}/cancel", null)).IsSuccessStatusCode);
        await alice.WaitForStatusAsync(id, "CANCELLED");
        await CountAgainAsync(gauge);
        listener.RecordObservableInstruments();
        Assert.Equal(0, seen["PENDING"]);
    }

    // One tick of the gauge's timer on the test's clock, and the count it started.
    private async Task CountAgainAsync(OpenOrdersGauge gauge)
    {
        var before = gauge.Refreshed;
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => gauge.Refreshed > before, "the gauge counted again");
    }

    public void Dispose() => _factory.Dispose();
}
