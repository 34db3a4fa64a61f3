// An order as the service answers it (docs/api.md "The order"). Fields a newer service adds are
// ignored; enum values this client does not know read as Unknown.
namespace Fillmore.Client;

public sealed record Order
{
    public Guid Id { get; init; }
    public string TraderId { get; init; } = "";
    public string? ClientOrderId { get; init; }
    public string Symbol { get; init; } = "";
    public Side Side { get; init; }
    /// <summary>As submitted (an exit: its entry's); what it protects now is Working.Quantity.</summary>
    public long Quantity { get; init; }
    public OrderType OrderType { get; init; }
    public decimal? Price { get; init; }
    public decimal? StopPrice { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public decimal? StopLoss { get; init; }
    public decimal? TakeProfit { get; init; }
    public OrderStatus Status { get; init; }
    public long FilledQuantity { get; init; }
    public decimal? AverageFillPrice { get; init; }
    public string Venue { get; init; } = "";
    /// <summary>Why it was denied, rejected, cancelled, expired or failed, or why it is in doubt.</summary>
    public string? Reason { get; init; }
    public ExecutionPath ExecutionPath { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public OrderClass OrderClass { get; init; }
    public Guid? ParentOrderId { get; init; }
    public LegRole LegRole { get; init; }
    public decimal? StopLossLimitPrice { get; init; }
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    public DateTimeOffset? ExpireAt { get; init; }
    /// <summary>When Fillmore ends it (DAY: the session close; GTD: ExpireAt).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>A held order's trigger now (a trailing stop's follows the best price).</summary>
    public decimal? TriggerPrice { get; init; }
    /// <summary>The terms the venue is asked for now.</summary>
    public WorkingTerms? Working { get; init; }
    public decimal? MaxSlippageBps { get; init; }
    public int? MaxWaitSeconds { get; init; }
    public DateTimeOffset? TimeoutAt { get; init; }
    public decimal? ArrivalPrice { get; init; }
    public decimal? SlippageBps { get; init; }
    /// <summary>Every fill (GetOrderAsync only; null in lists).</summary>
    public IReadOnlyList<Fill>? Fills { get; init; }
    /// <summary>A first order's exits (GetOrderAsync only).</summary>
    public IReadOnlyList<Order>? Legs { get; init; }
}
