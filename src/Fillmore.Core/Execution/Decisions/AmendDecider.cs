// Decides a trader's amend (PATCH) and the venue's answer to the replace it sends. Whether the
// order takes an amend at all is its own answer (ORDER_NOT_AMENDABLE from the table: a finished
// order, one not yet acknowledged, one with a cancel pending). A held order takes the new terms at
// once, its trigger with them; one at the venue keeps working under its old terms until the venue
// confirms the replace (a Replaced report), so a fill that races the replace is counted once, on
// whichever terms it traded. A new quantity must stay above what is filled already.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;

public static class AmendDecider
{
    /// <param name="refusal">What the risk rules say about the order with its new terms (null: fine).</param>
    /// <param name="venueReplaces">The venue replaces working orders in place (VenueCapabilities.Replace).</param>
    public static AmendRequest Request(Order order, OrderTerms terms, RuleViolation? refusal, bool venueReplaces,
        DateTimeOffset now)
    {
        if (order.On(OrderTrigger.AmendRequested, now) is TransitionResult.Illegal illegal)
            return AmendRequest.Refused(new AmendResult.NotAmendable(order, illegal.Code, illegal.Message));
        // Only a new quantity is held against the fills: an exit waiting for its entry has quantity 0 and may
        // still have its price moved.
        if (terms.Quantity != order.Terms.Quantity && terms.Quantity <= order.FilledQuantity)
            return AmendRequest.Refused(new AmendResult.Invalid([new RuleViolation("quantity",
                ReasonCodes.AmendQuantityBelowFilled,
                $"The new quantity {terms.Quantity} is not more than the {order.FilledQuantity} already filled.",
                order.FilledQuantity > 0
                    ? $"Use a quantity above {order.FilledQuantity}, or cancel the rest of the order."
                    : "Use a quantity of at least 1.")]));
        // Two replaces on their way could be confirmed in either order, and a confirmation says which terms only by
        // arriving: one at a time, so the terms confirmed are the terms asked.
        if (order.PendingAmend is { } waiting)
            return AmendRequest.Refused(new AmendResult.NotAmendable(order, ReasonCodes.AmendPending,
                $"A replace to {waiting.Quantity} shares is still waiting for the venue's answer."));
        // A SMART order's quantity is the sum of its parts: neither it nor a part changes on its own.
        if (order.IsRoutedParent || order.Role == LegRole.Route)
            return AmendRequest.Refused(new AmendResult.NotAmendable(order, ReasonCodes.AmendNotSupported,
                $"Order {order.Id} is {(order.IsRoutedParent ? "split by SMART across venues" : "a part of an order "
                    + "SMART split across venues")}: cancel it and submit again to change it."));
        if (order.Status != OrderStatus.Held && !venueReplaces)
            return AmendRequest.Refused(new AmendResult.NotAmendable(order, ReasonCodes.AmendNotSupported,
                $"The venue {order.Venue} cannot replace a working order."));
        if (refusal is not null) return AmendRequest.Refused(new AmendResult.Denied(order, [refusal]));
        if (order.Amend(terms, TriggerOf(order, terms), now) is not TransitionResult.Applied { Moved: var amended })
            return AmendRequest.Refused(new AmendResult.NotAmendable(order, ReasonCodes.OrderNotAmendable,
                $"Order {order.Id} cannot be amended now."));
        var held = amended.Status == OrderStatus.Held;
        var reason = $"{(held ? "Amended" : "Replace asked")}: {Describe(terms)} (was {Describe(order.Terms)}).";
        var change = OrderChange.Of(order, amended)
            .Audited(AuditRecord.Of(amended, held ? AuditAction.Amended : AuditAction.AmendRequested, Actor.Trader, now,
                reason: reason, quantity: terms.Quantity, price: terms.LimitPrice ?? terms.StopPrice))
            .Emitting(OrderEvent.Of(amended, held ? OrderEventType.Amended : OrderEventType.AmendRequested,
                now) with { Reason = reason });
        return new AmendRequest(held ? new AmendResult.Amended(amended) : new AmendResult.Pending(amended),
            new Decision.Commit(change), SendReplace: !held);
    }

    /// <summary>The venue's answer to the replace request: Confirmed waits for its Replaced report; Rejected drops the
    /// new terms.</summary>
    public static Decision VenueAnswer(Order order, VenueOutcome outcome, DateTimeOffset now)
    {
        if (outcome is VenueOutcome.Confirmed || order.PendingAmend is null) return Decision.Nothing;
        if (outcome is not VenueOutcome.Rejected r)
            return new Decision.Commit(OrderChange.Of(order, order).Audited(AuditRecord.Of(order,
                AuditAction.AmendRequested, Actor.System, now,
                reason: $"The replace may not have reached the venue ({SendDecider.FailureReason(outcome)}); "
                    + "reconciliation will tell.",
                errorCode: SendDecider.ErrorCodeOf(outcome))));
        return ReportDecider.Decide(order, new ExecutionReport(order.Id, ExecutionKind.ReplaceRejected,
            "replace-refused", 0, 0, order.FilledQuantity, order.AverageFillPrice ?? 0m, 0m, order.Venue, now,
            $"{r.Code}: {r.Reason}"), EmptyContext, now);
    }

    private static readonly FillContext EmptyContext = new([], null, Accounts.TradingCalendar.NewYork,
        () => Guid.Empty);

    // A held order's trigger follows its new terms; a trailing stop's is recomputed from the best price at the next
    // quote.
    private static decimal? TriggerOf(Order order,
        OrderTerms terms) => order.Status != OrderStatus.Held ? order.TriggerPrice
        : terms.Type == OrderType.TrailingStop ? null
        : order.Role == LegRole.TakeProfit ? terms.LimitPrice : terms.StopPrice;

    private static string Describe(OrderTerms t) => $"{t.Quantity}"
        + (t.LimitPrice is { } l ? $" limit {l}" : "") + (t.StopPrice is { } s ? $" stop {s}" : "")
        + (t.TrailPrice is { } tp ? $" trail {tp}" : "") + (t.TrailPercent is { } pct ? $" trail {pct}%" : "");
}
