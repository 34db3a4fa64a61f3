// An order and its current state. Immutable: every change produces a new Order with Version+1,
// and the store only accepts it if the stored version is still the one it was derived from.
// Only this type sets what changes after creation (status, version, fills, terms, the execution
// facts and the trigger state): their setters are private, status changes go through On, which
// consults the single transition table and answers with a value (Applied, Ignored or Illegal
// with its code), and a store brings a row back with Restored.
namespace Fillmore.Core.Orders;

public sealed record Order
{
    /// <summary>The venue of an order the SMART router split across venues: Fillmore holds it, its ROUTE children
    /// work at the venues, and it follows them (FamilyDecider).</summary>
    public const string SmartVenue = "SMART";

    public required OrderId Id { get; init; }
    public required TraderId TraderId { get; init; }
    public string? ClientOrderId { get; init; }
    public required OrderSpec Spec { get; init; }
    /// <summary>Where the order goes. Fixed once it may be at a venue; a SMART order Fillmore holds (an emulated
    /// stop, an exit) is routed again when it is released (SmartRouted).</summary>
    public required string Venue { get; init; }
    /// <summary>SMART chose the venue (the trader named none, or SMART): a held order is routed again at its
    /// release, with the quotes, fees and health of that moment.</summary>
    public bool SmartRouted { get; init; }
    public string? Reason { get; init; }
    public required ExecutionPath Path { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// For a buy: the price per share held in reserve against cash while the order is open (the
    /// limit price, or the quote plus a buffer for market and stop orders). Null for sells.
    /// </summary>
    public decimal? ReservePrice { get; init; }
    /// <summary>The order this one was created with (a bracket's, OTO's or OCO's first order); null for that
    /// one.</summary>
    public OrderId? ParentOrderId { get; init; }
    public LegRole Role { get; init; } = LegRole.Entry;
    /// <summary>When Fillmore ends the order itself (DAY: the session close; GTD: expire_at); null for GTC, IOC,
    /// FOK.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>The slippage limit in force (the order's own, or its account's default), in basis points from
    /// ArrivalPrice; null: none.</summary>
    public decimal? SlippageLimitBps { get; init; }
    /// <summary>When what is still unfilled is cancelled (created + the wait in force); null: no limit.</summary>
    public DateTimeOffset? TimeoutAt { get; init; }

    public OrderStatus Status { get; private init; }
    public long FilledQuantity { get; private init; }
    public decimal? AverageFillPrice { get; private init; }
    /// <summary>1 for a new order; the store refuses a change whose base version is stale.</summary>
    public long Version { get; private init; } = 1;
    /// <summary>How many sends to the venue were recorded (an attempt's answer, or a send found at the venue),
    /// ever.</summary>
    public int Attempts { get; private init; }
    /// <summary>When the first send was recorded; null while the order was never (knowingly) sent.</summary>
    public DateTimeOffset? FirstSentAt { get; private init; }
    /// <summary>When the trader closed out the FAILED order; a closed-out order is never retried.</summary>
    public DateTimeOffset? FailureAcknowledgedAt { get; private init; }
    /// <summary>
    /// When every attempt and the final question went unanswered (Flagged): the order may or may not be at the
    /// venue. Cleared by any move of its status but the trader's acknowledgement, which closes the order and
    /// keeps the doubt, so that reconciliation keeps asking the venue (see OrderTransitions).
    /// </summary>
    public DateTimeOffset? InDoubtSince { get; private init; }
    /// <summary>What the venue is asked for now (see OrderTerms).</summary>
    public OrderTerms Terms { get; private init; } = null!;
    /// <summary>Terms sent in a replace the venue has not confirmed yet.</summary>
    public OrderTerms? PendingAmend { get; private init; }
    /// <summary>How many replaces the venue confirmed.</summary>
    public int VenueRevision { get; private init; }
    /// <summary>A held order's trigger price now.</summary>
    public decimal? TriggerPrice { get; private init; }
    /// <summary>The best price a held trailing stop has seen.</summary>
    public decimal? Watermark { get; private init; }
    /// <summary>When a held exit's trigger was touched.</summary>
    public DateTimeOffset? TriggeredAt { get; private init; }
    /// <summary>Why Fillmore asked for the cancel that is pending (null: the trader asked).</summary>
    public string? CancelIntent { get; private init; }
    /// <summary>The price on the side the order trades against (the ask for a buy, the bid for a sell) when it
    /// went to the market: at submission, or, for an order Fillmore held, at its release. Slippage is measured from
    /// it.</summary>
    public decimal? ArrivalPrice { get; private init; }

    public long RemainingQuantity => Terms.Quantity - FilledQuantity;

    /// <summary>Whether the venue may have this order: a send was recorded.</summary>
    public bool WasSent => Attempts > 0;

    /// <summary>An exit of a bracket or OTO, or either leg of an OCO (whose first leg is its take-profit; an OCO has
    /// no entry).</summary>
    public bool IsExit => Role is LegRole.TakeProfit or LegRole.StopLoss;

    /// <summary>The order a trader submitted that SMART split across venues: never sent itself (see
    /// SmartVenue).</summary>
    public bool IsRoutedParent => Venue == SmartVenue && ParentOrderId is null;

    /// <summary>
    /// How much worse than ArrivalPrice the average fill is, in basis points (positive: paid more on a
    /// buy, received less on a sell), to two places; null before a fill or without an arrival price.
    /// </summary>
    public decimal? RealisedSlippageBps => ArrivalPrice is { } arrival && arrival > 0 && AverageFillPrice is { } average
        ? Math.Round((Spec.Side == Side.Buy ? average - arrival : arrival - average) / arrival * 10_000m, 2)
        : null;

    /// <summary>The first of the order's deadlines (expiry, max wait) still to come after
    /// <paramref name="after"/>; null when none is left.</summary>
    public DateTimeOffset? NextDeadline(DateTimeOffset? after = null)
    {
        DateTimeOffset? next = null;
        foreach (var d in new[] { ExpiresAt, TimeoutAt })
            if (d is { } t && (after is null || t > after) && (next is null || t < next)) next = t;
        return next;
    }

    /// <summary>A market order (or released stop) sent as a LIMIT at its slippage collar: what does not fill at
    /// once is cancelled (SLIPPAGE_LIMIT).</summary>
    public bool IsCollared => SlippageLimitBps is not null && Spec.TradesAtMarket && Terms.Type == OrderType.Limit
        && Status != OrderStatus.Held;

    /// <summary>The order as it goes to the market at <paramref name="price"/> (see ArrivalPrice); for a new order,
    /// or inside a release.</summary>
    public Order ArrivingAt(decimal? price) => this with { ArrivalPrice = price };

    public static Order CreatePending(OrderId id, TraderId trader, string? clientOrderId, OrderSpec spec,
        string venue, ExecutionPath path, DateTimeOffset now) => new()
    {
        Id = id, TraderId = trader, ClientOrderId = clientOrderId, Spec = spec, Status = OrderStatus.PendingSubmit,
        Terms = OrderTerms.Of(spec), Venue = venue, Path = path, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>A part of <paramref name="parent"/>, an order SMART split (or whose IOC remainder it re-routes):
    /// <paramref name="quantity"/> of it to <paramref name="venue"/>, holding its share of the reservation.</summary>
    public static Order PartOf(Order parent, OrderId id, long quantity, string venue, DateTimeOffset now) =>
        CreatePending(id, parent.TraderId, null, parent.Spec with { Quantity = quantity }, venue, parent.Path, now)
            with { ReservePrice = parent.ReservePrice, ParentOrderId = parent.Id, Role = LegRole.Route };

    /// <summary>Refused by our own rules: born terminal, never sent anywhere.</summary>
    public static Order CreateDenied(OrderId id, TraderId trader, string? clientOrderId, OrderSpec spec,
        string venue, ExecutionPath path, string reason, DateTimeOffset now) =>
        CreatePending(id, trader, clientOrderId, spec, venue, path, now) with { Status = OrderStatus.Denied,
            Reason = reason };

    /// <summary>The terms a new order starts with (not yet stored: an amend goes through Amend).</summary>
    public Order StartingWith(OrderTerms terms) =>
        Version == 1 && Attempts == 0 ? this with { Terms = terms }
            : throw new InvalidOperationException("Only a new order starts with terms.");

    /// <summary>Accepted and held by Fillmore (emulated, or an exit waiting for its entry), armed at
    /// <paramref name="trigger"/>.</summary>
    public Order AsHeld(OrderTerms terms, decimal? trigger, decimal? watermark) => this with
    {
        Status = OrderStatus.Held, Terms = terms, TriggerPrice = trigger, Watermark = watermark,
    };

    /// <summary>The order as a store row holds it. For stores (and tests that need an order in a given state)
    /// only.</summary>
    public Order Restored(OrderProgress p) => this with
    {
        Status = p.Status, FilledQuantity = p.FilledQuantity, AverageFillPrice = p.AverageFillPrice,
        Version = p.Version, Attempts = p.Attempts, FirstSentAt = p.FirstSentAt,
        FailureAcknowledgedAt = p.FailureAcknowledgedAt, InDoubtSince = p.InDoubtSince,
        Terms = p.Terms ?? Terms ?? OrderTerms.Of(Spec),
        PendingAmend = p.PendingAmend, VenueRevision = p.VenueRevision, TriggerPrice = p.TriggerPrice,
        Watermark = p.Watermark, TriggeredAt = p.TriggeredAt, CancelIntent = p.CancelIntent,
        ArrivalPrice = p.ArrivalPrice,
    };

    /// <summary>What a store row keeps of the order's progress (see Restored).</summary>
    public OrderProgress Progress => new(Status, FilledQuantity, AverageFillPrice, Version)
    {
        Attempts = Attempts, FirstSentAt = FirstSentAt, FailureAcknowledgedAt = FailureAcknowledgedAt,
        InDoubtSince = InDoubtSince, Terms = Terms,
        PendingAmend = PendingAmend, VenueRevision = VenueRevision, TriggerPrice = TriggerPrice, Watermark = Watermark,
        TriggeredAt = TriggeredAt, CancelIntent = CancelIntent, ArrivalPrice = ArrivalPrice,
    };

    /// <summary>Applies a trigger through the transition table.</summary>
    public TransitionResult On(OrderTrigger trigger, DateTimeOffset now, string? reason = null)
    {
        var transition = OrderTransitions.Next(Status, trigger,
            new OrderFacts(FilledQuantity > 0, FailureAcknowledgedAt is not null, InDoubtSince is not null));
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
        // The venue's word or the trader's retry ends the doubt; an acknowledgement only accepts it.
        InDoubtSince = trigger == OrderTrigger.FailureAcknowledged ? InDoubtSince : null,
        // A cancel that was asked for is settled by any end; one the venue refused is no longer pending.
        CancelIntent = to == OrderStatus.PendingCancel ? CancelIntent : null,
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
        if (cumulativeQuantity > Terms.Quantity)
            return new TransitionResult.Illegal(this, ReasonCodes.Overfill,
                $"the venue reports {cumulativeQuantity} filled of {Terms.Quantity}");
        var late = cumulativeQuantity <= FilledQuantity || Status is OrderStatus.Cancelled or OrderStatus.Expired;
        var moved = this;
        if (!late)
        {
            var trigger = cumulativeQuantity == Terms.Quantity ? OrderTrigger.Filled : OrderTrigger.PartiallyFilled;
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
        cumulativeQuantity <= FilledQuantity || cumulativeQuantity > Terms.Quantity ? this
            : this with { FilledQuantity = cumulativeQuantity, AverageFillPrice = averagePrice };

    /// <summary>A send to the venue was recorded (its answer, or the venue found to hold the order).</summary>
    public Order Sent(DateTimeOffset now) => this with
    {
        Attempts = Attempts + 1,
        FirstSentAt = FirstSentAt ?? now,
        UpdatedAt = now,
        Version = Version + 1,
    };

    /// <summary>In doubt (see InDoubtSince): the status stays, the reason says what the trader must know.</summary>
    public Order Flagged(string reason, DateTimeOffset now) =>
        this with { Reason = reason, InDoubtSince = InDoubtSince ?? now, UpdatedAt = now, Version = Version + 1 };

    /// <summary>A cancel that Fillmore asks for, and why (see CancelIntent).</summary>
    public TransitionResult OnSystemCancel(string intent, DateTimeOffset now,
        string reason) => On(OrderTrigger.CancelRequested, now, reason) switch
    {
        TransitionResult.Applied { Moved: { Status: OrderStatus.PendingCancel } pending } =>
            new TransitionResult.Applied(pending with { CancelIntent = intent }),
        var other => other,
    };

    /// <summary>A held order's trigger state moved (a trailing stop followed the best price, or its trigger was
    /// touched).</summary>
    public Order Rearmed(decimal? trigger, decimal? watermark, DateTimeOffset? triggeredAt,
        DateTimeOffset now) => this with
    {
        TriggerPrice = trigger, Watermark = watermark, TriggeredAt = triggeredAt, UpdatedAt = now,
        Version = Version + 1,
    };

    /// <summary>A held order's quantity follows its entry's fills (an exit protects what was bought).</summary>
    public Order Resized(long quantity, DateTimeOffset now) =>
        this with { Terms = Terms with { Quantity = quantity }, UpdatedAt = now, Version = Version + 1 };

    /// <summary>Releases a held order to the venue as <paramref name="terms"/> (the MARKET or LIMIT its trigger calls
    /// for), arriving at the market at <paramref name="arrival"/> (null: keeps the one it has, else its
    /// trigger).</summary>
    public TransitionResult Release(OrderTerms terms, DateTimeOffset now,
        decimal? arrival = null) => On(OrderTrigger.Released, now) switch
    {
        TransitionResult.Applied a => new TransitionResult.Applied(a.Moved with
        {
            // An exit released after its entry ended measures from its trigger.
            Terms = terms, ArrivalPrice = arrival ?? ArrivalPrice ?? TriggerPrice,
        }),
        var other => other,
    };

    /// <summary>
    /// The trader's amend: a held order takes the new terms at once (with its new trigger); one at
    /// the venue keeps its terms until the venue confirms the replace (PendingAmend).
    /// </summary>
    public TransitionResult Amend(OrderTerms terms, decimal? trigger,
        DateTimeOffset now) => On(OrderTrigger.AmendRequested, now) switch
    {
        TransitionResult.Applied { Moved: { Status: OrderStatus.Held } held } =>
            new TransitionResult.Applied(held with { Terms = terms, TriggerPrice = trigger }),
        TransitionResult.Applied a => new TransitionResult.Applied(a.Moved with { PendingAmend = terms }),
        var other => other,
    };

    /// <summary>The venue confirmed (or refused) the replace: the pending terms become the order's (or are
    /// dropped).</summary>
    public TransitionResult OnReplace(bool confirmed, DateTimeOffset now)
    {
        var result = On(confirmed ? OrderTrigger.Replaced : OrderTrigger.ReplaceRejected, now);
        // An order that ended meanwhile keeps its end, but a replace the venue did make still sets
        // its quantity: executions up to the amended quantity are the venue's, and count.
        if (result is TransitionResult.Ignored && confirmed && PendingAmend is { } late)
            return new TransitionResult.Applied(this with
            {
                Terms = late, PendingAmend = null, VenueRevision = VenueRevision + 1, UpdatedAt = now,
                Version = Version + 1,
            });
        if (result is not TransitionResult.Applied a) return result;
        if (!confirmed || PendingAmend is not { } terms)
            return new TransitionResult.Applied(a.Moved with { PendingAmend = null });
        var replaced = a.Moved with { Terms = terms, PendingAmend = null, VenueRevision = VenueRevision + 1 };
        // Fills that raced the replace may have reached the new quantity: the order is then complete.
        return replaced.FilledQuantity >= terms.Quantity
            && replaced.On(OrderTrigger.Filled, now) is TransitionResult.Applied { Moved: var done }
            ? new TransitionResult.Applied(done with { Version = replaced.Version })
            : new TransitionResult.Applied(replaced);
    }
}
