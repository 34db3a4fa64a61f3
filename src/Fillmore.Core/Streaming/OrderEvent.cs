// One committed status change of an order, as the stream and the polling endpoint deliver it.
// Seq is the per-trader, gap-free sequence number the store assigns at commit (0 before).
namespace Fillmore.Core.Streaming;

using Fillmore.Core.Orders;

public sealed record OrderEvent
{
    public long Seq { get; init; }
    public required string Type { get; init; }
    public required TraderId TraderId { get; init; }
    public required OrderId OrderId { get; init; }
    public string? ClientOrderId { get; init; }
    public required Symbol Symbol { get; init; }
    public required Side Side { get; init; }
    public required OrderStatus Status { get; init; }
    public required long Quantity { get; init; }
    public required long FilledQuantity { get; init; }
    public decimal? AverageFillPrice { get; init; }
    public EventFill? Fill { get; init; }
    /// <summary>The trader's position in the symbol right after the fill (fill events only).</summary>
    public EventPosition? Position { get; init; }
    public string? Reason { get; init; }
    public OrderClass OrderClass { get; init; }
    /// <summary>For an exit: the order it was created with (a bracket's entry, an OCO's first leg).</summary>
    public OrderId? ParentOrderId { get; init; }
    /// <summary>When it happened: the venue's event time for venue events, ours otherwise.</summary>
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>When Fillmore recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public static OrderEvent Of(Order order, string type, DateTimeOffset recordedAt, DateTimeOffset? venueTime = null,
        Fill? fill = null) => new()
    {
        Type = type,
        TraderId = order.TraderId,
        OrderId = order.Id,
        ClientOrderId = order.ClientOrderId,
        Symbol = order.Spec.Symbol,
        Side = order.Spec.Side,
        Status = order.Status,
        Quantity = order.Terms.Quantity,
        FilledQuantity = order.FilledQuantity,
        AverageFillPrice = order.AverageFillPrice,
        Fill = fill is null ? null
            : new EventFill(fill.ExecutionId, fill.Quantity, fill.Price, fill.Venue, fill.Commission, fill.Timestamp),
        Reason = order.Reason,
        OrderClass = order.Spec.Class,
        ParentOrderId = order.ParentOrderId,
        Timestamp = venueTime ?? recordedAt,
        RecordedAt = recordedAt,
    };
}
