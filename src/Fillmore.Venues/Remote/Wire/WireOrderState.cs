// The exchange's view of one order (GET /v1/orders/{id} and the open-order list), with the account
// it is booked to when its sender named one.
namespace Fillmore.Venues.Remote.Wire;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record WireOrderState(
    Guid ClientOrderId,
    string Symbol,
    Side Side,
    long Quantity,
    VenueOrderStatus Status,
    long CumulativeQuantity,
    decimal AveragePrice,
    IReadOnlyList<WireExecutionReport> Executions,
    string? Reason,
    string? Account = null);
