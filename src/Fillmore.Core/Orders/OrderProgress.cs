// Everything about an order that changes after it is created, as a store row keeps it (see
// Order.Restored). Only Order itself makes a new one; a store reads one back.
namespace Fillmore.Core.Orders;

public sealed record OrderProgress(OrderStatus Status, long FilledQuantity, decimal? AverageFillPrice, long Version)
{
    public int Attempts { get; init; }
    public DateTimeOffset? FirstSentAt { get; init; }
    public DateTimeOffset? FailureAcknowledgedAt { get; init; }
    /// <summary>When the order was flagged in doubt (see Order.InDoubtSince).</summary>
    public DateTimeOffset? InDoubtSince { get; init; }
    /// <summary>The terms the venue is asked for now (null: as submitted).</summary>
    public OrderTerms? Terms { get; init; }
    /// <summary>Terms sent to the venue in a replace that it has not confirmed yet.</summary>
    public OrderTerms? PendingAmend { get; init; }
    /// <summary>How many replaces the venue confirmed (the venue's client order id changes with each).</summary>
    public int VenueRevision { get; init; }
    /// <summary>A held order's trigger price now (a trailing stop's moves with the best price).</summary>
    public decimal? TriggerPrice { get; init; }
    /// <summary>The best price a trailing stop has seen since it was armed.</summary>
    public decimal? Watermark { get; init; }
    /// <summary>When a held exit's trigger was touched (it is released once its entry has ended).</summary>
    public DateTimeOffset? TriggeredAt { get; init; }
    /// <summary>Why Fillmore itself asked the venue to cancel (EXPIRED, an exit's sibling, ...); null when the trader
    /// did.</summary>
    public string? CancelIntent { get; init; }
    /// <summary>The touch when the order went to the market (see Order.ArrivalPrice).</summary>
    public decimal? ArrivalPrice { get; init; }
}
