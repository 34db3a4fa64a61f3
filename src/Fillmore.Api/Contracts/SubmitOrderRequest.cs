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
    /// <summary>SIMPLE, BRACKET, OCO or OTO; left out: BRACKET with both exits, OTO with one, SIMPLE with
    /// none.</summary>
    public string? OrderClass { get; init; }
    public decimal? StopLossLimitPrice { get; init; }
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    /// <summary>GTD: when the order expires (ISO 8601 with its offset).</summary>
    public string? ExpireAt { get; init; }
    /// <summary>The worst price accepted, in basis points from the arrival price (MARKET, STOP,
    /// TRAILING_STOP).</summary>
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>How long the order may wait to fill before what is left is cancelled (TIMEOUT).</summary>
    public decimal? MaxWaitSeconds { get; init; }
    /// <summary>A venue's name, or SMART (Fillmore chooses); left out: the default venue.</summary>
    public string? Venue { get; init; }

    public OrderDraft ToDraft(string? clientOrderId) =>
        new(Symbol, Side, Quantity, OrderType, Price, StopPrice, TimeInForce, StopLoss, TakeProfit, clientOrderId)
        {
            OrderClass = OrderClass, StopLossLimitPrice = StopLossLimitPrice, TrailPrice = TrailPrice,
            TrailPercent = TrailPercent, ExpireAt = ExpireAt, MaxSlippageBps = MaxSlippageBps,
            MaxWaitSeconds = MaxWaitSeconds, Venue = Venue,
        };
}
