// Every fill a test saw for its orders, from the venue's answers and its report stream, as the
// engine would count them: by ExecutionId. "One identity each" is the no-double-count check: an
// order the venue filled once has exactly one distinct ExecutionId, however many copies came.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public sealed class Fills
{
    private readonly FixVenue _venue;
    private readonly List<ExecutionReport> _seen = [];

    public Fills(FixVenue venue, IEnumerable<VenueOutcome> outcomes)
    {
        _venue = venue;
        foreach (var outcome in outcomes)
            if (outcome is VenueOutcome.Confirmed confirmed) _seen.AddRange(confirmed.Executions);
    }

    public bool Have(OrderId id)
    {
        Pull();
        return _seen.Any(r => r.OrderId == id && r.Kind == ExecutionKind.Fill);
    }

    public IReadOnlyList<ExecutionReport> Of(OrderId id)
    {
        Pull();
        return _seen.Where(r => r.OrderId == id
            && r.Kind == ExecutionKind.Fill).DistinctBy(r => r.ExecutionId).ToList();
    }

    public void AssertOneIdentityEach()
    {
        Pull();
        foreach (var order in _seen.Where(r => r.Kind == ExecutionKind.Fill).GroupBy(r => r.OrderId))
            Assert.Single(order.DistinctBy(r => r.ExecutionId));
    }

    private void Pull() => _seen.AddRange(_venue.Drain());
}
