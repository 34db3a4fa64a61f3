// --router: what the SMART router costs an order, on its own. For 1, 3 and 8 paper venues: the
// decision alone (SmartRouter.Route over prepared candidates), and the whole step as the service
// runs it on every SMART order (the board reads each venue's quote, halt, health and recent rejects,
// the router decides, the rationale is written as JSON for the audit entry). Per call: p50 / p99
// latency and bytes allocated.
namespace Fillmore.Bench.Micro;

using System.Diagnostics;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Routing;
using Fillmore.Venues.Simulated;

public static class RouterBench
{
    private const int Warmup = 50_000;
    private const int Samples = 200_000;

    public static void Run()
    {
        foreach (var count in new[] { 1, 3, 8 })
        {
            var venues = Enumerable.Range(1, count).Select(i => new SimulatedVenue(new SimulatedVenueOptions
            {
                Name = $"V{i}", Seed = i, PriceOffsetBps = i - count / 2, DisplayedSize = 100 * i,
            }, TimeProvider.System)).ToList();
            var set = new VenueSet(venues);
            var fees = venues.ToDictionary(v => v.Name, v => new FeeSchedule { TakerPerShare = 0.001m * v.Name.Length });
            var board = new VenueBoard(set, name => venues.First(v => v.Name == name), name => fees[name],
                new TradingControls(), new VenueRejects(TimeProvider.System), new RoutingOptions());
            var spec = new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 150, OrderType.Market, null, null, TimeInForce.Day,
                null, null);
            var trader = new TraderId("alice");
            var candidates = board.Candidates(spec.Symbol, trader);
            var now = DateTimeOffset.UtcNow;
            Measure($"route only, {count} venue(s)", () => SmartRouter.Route(spec, candidates, board.Rules, now));
            Measure($"whole SMART step, {count} venue(s)", () =>
                RoutingJson.Write(SmartRouter.Route(spec, board.Candidates(spec.Symbol, trader), board.Rules, now)));
            foreach (var v in venues) v.Dispose();
        }
    }

    private static void Measure(string name, Func<object?> work)
    {
        for (var i = 0; i < Warmup; i++) work();
        var samples = new double[Samples];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            work();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Samples;
        Array.Sort(samples);
        double P(double q) => samples[(int)Math.Min(samples.Length - 1, q * samples.Length)];
        Console.WriteLine($"{name,-32} p50={P(0.50):F2} µs  p99={P(0.99):F2} µs  mean={samples.Average():F2} µs  "
            + $"{bytes:F0} B allocated a call");
    }
}
