// An order as a FIX session knows it: the session that first sent it, the ClOrdID the venue knows
// it by now (the order id, or a replace's "<order id>.<revision>"), and what a cancel request
// must repeat (symbol, side, quantity).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record FixOrderLink(OrderId OrderId, string SessionId, string ClOrdId, Symbol Symbol, Side Side,
    long Quantity);
