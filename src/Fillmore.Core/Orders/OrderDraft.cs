// An order exactly as the client sent it, before validation: every field optional and loosely
// typed, so that every problem can be reported at once instead of failing on the first.
namespace Fillmore.Core.Orders;

public sealed record OrderDraft(
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
    public string? OrderClass { get; init; }
    public decimal? StopLossLimitPrice { get; init; }
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    /// <summary>ISO 8601 with an offset (or Z), for GTD.</summary>
    public string? ExpireAt { get; init; }
    /// <summary>The slippage limit in basis points (US4).</summary>
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>How long the order may wait to fill, in seconds (US4); a decimal so a fraction is reported, not
    /// truncated.</summary>
    public decimal? MaxWaitSeconds { get; init; }
    /// <summary>A venue's name, or SMART; left out: the default venue (docs/routing.md).</summary>
    public string? Venue { get; init; }
}
