// An order and its current state. Immutable: every change produces a new Order with Version+1,
// and the store only accepts it if the stored version is still the one it was derived from.
// Status changes go through Apply, which consults the single transition table.
namespace Fillmore.Core.Orders;

public sealed record Order
{
    public required OrderId Id { get; init; }
    public required TraderId TraderId { get; init; }
    public string? ClientOrderId { get; init; }
    public required OrderSpec Spec { get; init; }
    public required OrderStatus Status { get; init; }
    public long FilledQuantity { get; init; }
    public decimal? AverageFillPrice { get; init; }
    public required string Venue { get; init; }
    public string? Reason { get; init; }
    public required ExecutionPath Path { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// For a buy: the price per share held in reserve against cash while the order is open (the
    /// limit price, or the quote plus a buffer for market and stop orders). Null for sells.
    /// </summary>
    public decimal? ReservePrice { get; init; }
    /// <summary>1 for a new order; the store refuses a change whose base version is stale.</summary>
    public long Version { get; init; } = 1;

    public long RemainingQuantity => Spec.Quantity - FilledQuantity;

    public static Order CreatePending(OrderId id, TraderId trader, string? clientOrderId, OrderSpec spec,
        string venue, ExecutionPath path, DateTimeOffset now) => new()
    {
        Id = id, TraderId = trader, ClientOrderId = clientOrderId, Spec = spec, Status = OrderStatus.PendingSubmit,
        Venue = venue, Path = path, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Refused by our own rules: born terminal, never sent anywhere.</summary>
    public static Order CreateDenied(OrderId id, TraderId trader, string? clientOrderId, OrderSpec spec,
        string venue, ExecutionPath path, string reason, DateTimeOffset now) =>
        CreatePending(id, trader, clientOrderId, spec, venue, path, now) with { Status = OrderStatus.Denied, Reason = reason };

    /// <summary>
    /// Applies a trigger through the transition table. Returns null when the table says Ignore;
    /// throws <see cref="IllegalTransitionException"/> when it says Illegal.
    /// </summary>
    public Order? Apply(OrderTrigger trigger, DateTimeOffset now, string? reason = null)
    {
        var transition = OrderTransitions.Next(Status, trigger, FilledQuantity > 0);
        return transition.Kind switch
        {
            TransitionKind.Move => this with { Status = transition.To, Reason = reason ?? Reason, UpdatedAt = now, Version = Version + 1 },
            TransitionKind.Ignore => null,
            _ => throw new IllegalTransitionException(Id, Status, trigger),
        };
    }

    /// <summary>
    /// Records an execution that cannot move the status (see ExecutionCoordinator.IsLateFill): the
    /// filled quantity still follows the venue's cumulative quantity, never backwards.
    /// </summary>
    public Order RecordLateFill(long cumulativeQuantity, decimal averagePrice, DateTimeOffset now)
    {
        if (cumulativeQuantity > Spec.Quantity)
            throw new IllegalTransitionException(Id, Status, OrderTrigger.Filled, $"venue reports {cumulativeQuantity} filled of {Spec.Quantity}");
        var newer = cumulativeQuantity > FilledQuantity;
        return this with
        {
            FilledQuantity = Math.Max(FilledQuantity, cumulativeQuantity),
            AverageFillPrice = newer ? averagePrice : AverageFillPrice,
            UpdatedAt = now,
            Version = Version + 1,
        };
    }

    /// <summary>
    /// Records a new execution. The venue's cumulative quantity is authoritative (FIX CumQty):
    /// reports may arrive out of order, so the filled quantity never goes backwards.
    /// </summary>
    public Order? ApplyFill(long cumulativeQuantity, decimal averagePrice, DateTimeOffset now)
    {
        if (cumulativeQuantity > Spec.Quantity)
            throw new IllegalTransitionException(Id, Status, OrderTrigger.Filled, $"venue reports {cumulativeQuantity} filled of {Spec.Quantity}");
        var filled = Math.Max(FilledQuantity, cumulativeQuantity);
        var trigger = filled == Spec.Quantity ? OrderTrigger.Filled : OrderTrigger.PartiallyFilled;
        var moved = Apply(trigger, now) ?? this;
        var newer = cumulativeQuantity >= FilledQuantity;
        return moved with
        {
            FilledQuantity = filled,
            AverageFillPrice = newer ? averagePrice : AverageFillPrice,
            UpdatedAt = now,
            Version = Version + 1,
        };
    }
}
