// An application message as the venue adapter builds it for a sequence number: the body fields,
// the order it concerns (ClOrdID included, to attribute a Reject), and for a NewOrderSingle the
// order's link to store with it.
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed record FixApplicationMessage(string Body, OrderId? OrderId, string? ClOrdId,
    FixOrderLink? NewOrder = null);
