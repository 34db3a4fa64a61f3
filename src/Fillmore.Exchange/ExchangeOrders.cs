// Reads a WireOrder into the engine's Order the simulator trades. The exchange checks what it
// needs to trade the order safely (a real symbol, a positive quantity, the prices its type
// needs); anything else is Fillmore's own business and was validated there.
namespace Fillmore.Exchange;

using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Venues.Remote.Wire;

internal static class ExchangeOrders
{
    /// <summary>Owner of every order on the exchange: it trades by client order id and knows no traders.</summary>
    private static readonly TraderId Member = new("exchange-member");

    public static WireError? Problem(WireOrder order) => order switch
    {
        { ClientOrderId: var id } when id == Guid.Empty => Invalid("client_order_id is missing."),
        { Symbol: var s } when !Symbol.TryCreate(s, out _) => Invalid($"'{s}' is not a symbol."),
        { Quantity: <= 0 } => Invalid($"quantity must be at least 1 (was {order.Quantity})."),
        { OrderType: OrderType.Limit or OrderType.StopLimit,
            LimitPrice: null or <= 0 } => Invalid("A limit order needs a positive limit_price."),
        { OrderType: OrderType.Stop or OrderType.StopLimit,
            StopPrice: null or <= 0 } => Invalid("A stop order needs a positive stop_price."),
        _ => null,
    };

    public static Order ToOrder(WireOrder w, string venue, DateTimeOffset now)
    {
        var spec = new OrderSpec(Symbol.Of(w.Symbol), w.Side, w.Quantity, w.OrderType, w.LimitPrice, w.StopPrice,
            w.TimeInForce, null, null);
        return Order.CreatePending(new OrderId(w.ClientOrderId), Member, null, spec, venue, ExecutionPath.V2, now);
    }

    private static WireError Invalid(string reason) => new(ReasonCodes.InvalidOrder, reason);
}
