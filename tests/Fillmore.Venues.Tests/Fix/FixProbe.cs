// Helpers of the FIX tests: a venue on a store, logged on within a bound; reports read per order;
// orders to send; waiting on a condition with a bound (never sleeping to prove that nothing happens).
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public static class FixProbe
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static async Task<FixVenue> LoggedOnAsync(string connectionString, IFixSessionStore store)
    {
        var venue = new FixVenue(FixSessionSettings.Parse(connectionString), store, TimeProvider.System);
        if (!await venue.WaitUntilLoggedOnAsync(Bound))
            throw new Xunit.Sdk.XunitException($"The FIX session did not log on: {venue.Snapshot()}");
        return venue;
    }

    public static Order Limit(string symbol = "AAPL", Side side = Side.Buy, long quantity = 10, decimal price = 190.5m,
        TimeInForce tif = TimeInForce.Day) =>
        Probe.NewOrder(symbol, side, quantity, OrderType.Limit, price, null, tif);

    /// <summary>The next report of this order and kind on the venue's stream (others are kept for later
    /// reads).</summary>
    public static async Task<ExecutionReport> ReportAsync(this FixVenue venue, OrderId id, ExecutionKind kind,
        List<ExecutionReport>? seen = null)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var report = await venue.Reports.ReadAsync(timeout.Token);
            seen?.Add(report);
            if (report.OrderId == id && report.Kind == kind) return report;
        }
    }

    /// <summary>Every report already on the stream, without waiting.</summary>
    public static List<ExecutionReport> Drain(this FixVenue venue)
    {
        var reports = new List<ExecutionReport>();
        while (venue.Reports.TryRead(out var r)) reports.Add(r);
        return reports;
    }

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
