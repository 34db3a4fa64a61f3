// The body of POST /api/v1/orders as bots send it (see API.md). Loosely typed on purpose: enum
// values arrive as strings so that a bad one becomes a field error, not a parse failure.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;

public sealed record SubmitOrderRequest(
    string? Symbol,
    string? Side,
    decimal? Quantity,
    string? OrderType,
    decimal? Price,
    decimal? StopPrice,
    string? TimeInForce,
    decimal? StopLoss,
    decimal? TakeProfit,
    string? ClientOrderId)
{
    public OrderDraft ToDraft(string? clientOrderId) =>
        new(Symbol, Side, Quantity, OrderType, Price, StopPrice, TimeInForce, StopLoss, TakeProfit, clientOrderId);
}
