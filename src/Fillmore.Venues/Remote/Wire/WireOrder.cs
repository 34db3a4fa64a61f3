// A new order as it travels to the paper exchange (POST /v1/orders). ClientOrderId is Fillmore's
// OrderId: the exchange knows the order by it and refuses a second order with the same one.
// Account (optional) is whose it is: Fillmore sends the trader; the exchange reports it back.
namespace Fillmore.Venues.Remote.Wire;

using Fillmore.Core.Orders;

public sealed record WireOrder(
    Guid ClientOrderId,
    string Symbol,
    Side Side,
    long Quantity,
    OrderType OrderType,
    decimal? LimitPrice,
    decimal? StopPrice,
    TimeInForce TimeInForce,
    string? Account = null);
