// One order event (docs/streaming.md): every committed change of an order, numbered per trader by a
// gap-free Seq. Event is one of EventTypes (a string: new types may be added).
namespace Fillmore.Client;

public sealed record OrderEvent
{
    public long Seq { get; init; }
    public string Event { get; init; } = "";
    public Guid OrderId { get; init; }
    public string? ClientOrderId { get; init; }
    public string TraderId { get; init; } = "";
    public string Symbol { get; init; } = "";
    public Side Side { get; init; }
    /// <summary>The order's status after the event.</summary>
    public OrderStatus Status { get; init; }
    /// <summary>The order's working quantity (an exit: what it protects).</summary>
    public long Quantity { get; init; }
    public long FilledQuantity { get; init; }
    public decimal? AverageFillPrice { get; init; }
    /// <summary>On fill events.</summary>
    public EventFill? Fill { get; init; }
    /// <summary>On fill events: the trader's position right after the fill.</summary>
    public EventPosition? Position { get; init; }
    public string? Reason { get; init; }
    public OrderClass OrderClass { get; init; }
    public Guid? ParentOrderId { get; init; }
    /// <summary>When it happened (the venue's time for venue news).</summary>
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>When Fillmore committed it.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
