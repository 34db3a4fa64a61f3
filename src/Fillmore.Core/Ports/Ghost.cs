// A venue order Fillmore never placed, as first seen by a reconciliation. Reported, never adopted.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record Ghost(OrderId OrderId, string Venue, Symbol Symbol, Side Side, long Quantity,
    VenueOrderStatus VenueStatus, DateTimeOffset FirstSeenAt)
{
    public static Ghost Of(VenueOrderState state, string venue, DateTimeOffset now) =>
        new(state.OrderId, venue, state.Symbol, state.Side, state.Quantity, state.Status, now);
}
