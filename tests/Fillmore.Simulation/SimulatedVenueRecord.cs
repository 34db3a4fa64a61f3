// The simulated venue's own record for the Auditor: its submission counts, its orders and their executions.
namespace Fillmore.Simulation;

using Fillmore.Venues.Simulated;

public sealed class SimulatedVenueRecord(SimulatedVenue venue) : IVenueRecord
{
    public IReadOnlyDictionary<string, int> Taken =>
        venue.Submissions.ToDictionary(s => s.Key.ToString(), s => s.Value);

    public IReadOnlyCollection<string> Holds => venue.AllOrders().Select(o => o.OrderId.ToString()).ToList();

    public (long Quantity, decimal Notional) Executed(string orderId)
    {
        var order = venue.AllOrders().FirstOrDefault(o => o.OrderId.ToString() == orderId);
        return order is null ? (0, 0m)
            : (order.Executions.Sum(e => e.LastQuantity), order.Executions.Sum(e => e.LastQuantity * e.LastPrice));
    }
}
