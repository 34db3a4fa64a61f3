// Which venue an order is at, for the engine's steps that start from an order id (a cancel, a
// status question): on a single-venue node the answer needs no read.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class OrderVenues(VenueSet venues, OrderMutator mutator)
{
    public VenueSet Set => venues;

    public IVenue For(Order order) => venues.For(order);

    public async ValueTask<IVenue> ForAsync(OrderId id, CancellationToken ct)
    {
        if (venues.Single) return venues.Primary;
        var order = await mutator.ReadAsync(id, ct).ConfigureAwait(false);
        return order is null ? venues.Primary : venues.For(order);
    }
}
