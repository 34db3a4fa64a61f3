// Several venues' own records as one, for the Auditor's checks that do not care where: an order id
// taken by two venues counts twice (so "at most once" also means "at one venue"), and what was
// executed for an order is summed over the venues.
namespace Fillmore.Simulation;

using Fillmore.Venues.Simulated;

public sealed class VenueSetRecord(IReadOnlyList<IVenueRecord> venues) : IVenueRecord
{
    public static IVenueRecord Of(IReadOnlyList<SimulatedVenue> venues) =>
        venues.Count == 1 ? new SimulatedVenueRecord(venues[0])
            : new VenueSetRecord(venues.Select(v => (IVenueRecord)new SimulatedVenueRecord(v)).ToList());

    public IReadOnlyDictionary<string, int> Taken =>
        venues.SelectMany(v => v.Taken).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Sum(t => t.Value));

    public IReadOnlyCollection<string> Holds => venues.SelectMany(v => v.Holds).ToList();

    public (long Quantity, decimal Notional) Executed(string orderId) =>
        venues.Select(v => v.Executed(orderId)).Aggregate((0L, 0m), (sum, e) => (sum.Item1 + e.Quantity, sum.Item2 + e.Notional));
}
