// An order and its current state. Immutable: every change produces a new Order with Version+1,
// and the store only accepts it if the stored version is still the one it was derived from.
// Only this type sets Status, Version, FilledQuantity, AverageFillPrice and the execution facts
// (Attempts, FirstSentAt, FailureAcknowledgedAt): their setters are private, status changes go
// through On/OnFill, which consult the single transition table and answer with a value
// (Applied, Ignored or Illegal with its code), and a store brings a row back with Restored.
namespace Fillmore.Core.Orders;

public sealed record Order
{
    public required OrderId Id { get; init; }
    public required TraderId TraderId { get; init; }
    public string? ClientOrderId { get; init; }
    public required OrderSpec Spec { get; init; }
    public OrderStatus Status { get; private init; }
    public long FilledQuantity { get; private init; }
    public decimal? AverageFillPrice { get; private init; }
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
    public long Version { get; private init; } = 1;
    /// <summary>How many sends to the venue were recorded (an attempt's answer, or a send found at the venue),
    /// ever.</summary>
    public int Attempts { get; private init; }
    /// <summary>When the first send was recorded; null while the order was never (knowingly) sent.</summary>
    public DateTimeOffset? FirstSentAt { get; private init; }
    /// <summary>When the trader closed out the FAILED order; a closed-out order is never retried.</summary>
    public DateTimeOffset? FailureAcknowledgedAt { get; private init; }

    public long RemainingQuantity => Spec.Quantity - FilledQuantity;

    /// <summary>Whether the venue may have this order: a send was recorded.</summary>
    public bool WasSent => Attempts > 0;

    public static Order CreatePending(OrderId id, TraderId trader, string? clientOrderId, OrderSpec spec,
        string venue, ExecutionPath path, DateTimeOffset now) => new()
    {
        Id = id, TraderId = trader, ClientOrderId = clientOrderId, Spec = spec, Status = OrderStatus.PendingSubmit,
        Venue = venue, Path = path, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Refused by our own rules: born terminal, never sent anywhere.</summary>
    public static Order CreateDenied(OrderId id, TraderId trader, string? clientOrderId, OrderSpec spec,
        string venue, ExecutionPath path, string reason, DateTimeOffset now) =>
        CreatePending(id, trader, clientOrderId, spec, venue, path, now) with { Status = OrderStatus.Denied,
            Reason = reason };

    /// <summary>The order as a store row holds it. For stores (and tests that need an order in a given state)
    /// only.</summary>
    public Order Restored(OrderProgress progress) => this with
    {
        Status = progress.Status,
        FilledQuantity = progress.FilledQuantity,
        AverageFillPrice = progress.AverageFillPrice,
        Version = progress.Version,
        Attempts = progress.Attempts,
        FirstSentAt = progress.FirstSentAt,
        FailureAcknowledgedAt = progress.FailureAcknowledgedAt,
    };

    /// <summary>What a store row keeps of the order's progress (see Restored).</summary>
    public OrderProgress Progress =>
        new(Status, FilledQuantity, AverageFillPrice, Version, Attempts, FirstSentAt, FailureAcknowledgedAt);

    /// <summary>Applies a trigger through the transition table.</summary>
    public TransitionResult On(OrderTrigger trigger, DateTimeOffset now, string? reason = null)
    {
        var transition = OrderTransitions.Next(Status, trigger,
            new OrderFacts(FilledQuantity > 0, FailureAcknowledgedAt is not null));
        return transition.Kind switch
        {
            TransitionKind.Move => new TransitionResult.Applied(Moved(transition.To, trigger, now, reason)),
            TransitionKind.Ignore => new TransitionResult.Ignored(this),
            _ => new TransitionResult.Illegal(this, transition.Code!,
                $"Order {Id} cannot take {ApiNames.Of(trigger)} while it is {ApiNames.Of(Status)}."),
        };
    }

    private Order Moved(OrderStatus to, OrderTrigger trigger, DateTimeOffset now, string? reason) => this with
    {
        Status = to,
        Reason = reason ?? Reason,
        UpdatedAt = now,
        Version = Version + 1,
        FailureAcknowledgedAt = trigger == OrderTrigger.FailureAcknowledged ? now : FailureAcknowledgedAt,
    };

    /// <summary>
    /// Records a venue execution. The venue's cumulative quantity is authoritative (FIX CumQty):
    /// reports may arrive out of order, so the filled quantity never goes backwards. An execution
    /// whose cumulative quantity was already counted (an earlier report overtook it), or one that
    /// arrived after the order was cancelled or expired (it traded before the cancel took effect),
    /// is still recorded without moving the status: cash and position must match the venue's
    /// executions. More than the order's quantity is illegal (OVERFILL).
    /// </summary>
    public TransitionResult OnFill(long cumulativeQuantity, decimal averagePrice, DateTimeOffset now)
    {
        if (cumulativeQuantity > Spec.Quantity)
            return new TransitionResult.Illegal(this, ReasonCodes.Overfill,
                $"the venue reports {cumulativeQuantity} filled of {Spec.Quantity}");
        var late = cumulativeQuantity <= FilledQuantity || Status is OrderStatus.Cancelled or OrderStatus.Expired;
        var moved = this;
        if (!late)
        {
            var trigger = cumulativeQuantity == Spec.Quantity ? OrderTrigger.Filled : OrderTrigger.PartiallyFilled;
            switch (On(trigger, now))
            {
                case TransitionResult.Applied a: moved = a.Moved; break;
                case TransitionResult.Illegal i: return i;
            }
        }
        var newer = late ? cumulativeQuantity > FilledQuantity : cumulativeQuantity >= FilledQuantity;
        return new TransitionResult.Applied(moved with
        {
            FilledQuantity = Math.Max(FilledQuantity, cumulativeQuantity),
            AverageFillPrice = newer ? averagePrice : AverageFillPrice,
            UpdatedAt = now,
            Version = Version + 1,
        });
    }

    /// <summary>
    /// An order that ends at the venue carries the venue's cumulative quantity: executions whose
    /// own reports were lost still count (and get recorded by the reconciliation the gap triggers).
    /// Call on the order a terminal trigger just produced; a total that is not ahead of ours, or
    /// more than the order's quantity, changes nothing.
    /// </summary>
    public Order WithVenueTotals(long cumulativeQuantity, decimal averagePrice) =>
        cumulativeQuantity <= FilledQuantity || cumulativeQuantity > Spec.Quantity ? this
            : this with { FilledQuantity = cumulativeQuantity, AverageFillPrice = averagePrice };

    /// <summary>A send to the venue was recorded (its answer, or the venue found to hold the order).</summary>
    public Order Sent(DateTimeOffset now) => this with
    {
        Attempts = Attempts + 1,
        FirstSentAt = FirstSentAt ?? now,
        UpdatedAt = now,
        Version = Version + 1,
    };

    /// <summary>The status stays, the reason says what the trader must know (an order in doubt).</summary>
    public Order Flagged(string reason, DateTimeOffset now) =>
        this with { Reason = reason, UpdatedAt = now, Version = Version + 1 };
}
