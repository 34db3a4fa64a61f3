// Decides what one venue report does to an order. A report on an order whose send Fillmore never
// recorded (it stopped while sending; a FIX session's own resend delivered it) records the send
// first, as reconciliation does, so the trail stays complete; a report that moves an order in doubt
// ends the doubt and clears its reason. A fill counts once: its (venue, execution id)
// already on record makes it a duplicate (nothing to do). A fill is recorded with its ledger
// effect even when it cannot move the status (Order.OnFill); more than the order's quantity is an
// anomaly (OVERFILL). Cancelled and Expired carry the venue's cumulative quantity onto the order.
// Pure: the order, its fills, the ledger view, the report and the time in; a decision out.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public static class ReportDecider
{
    public static Decision Decide(Order order, ExecutionReport report, FillContext context, DateTimeOffset now) =>
        EndsDoubt(order, order.Status != OrderStatus.PendingSubmit || order.WasSent
            ? DecideSent(order, report, context, now) : FirstHeard(order, report, context, now));

    // The send was never recorded: it is, first, in the same change.
    private static Decision FirstHeard(Order order, ExecutionReport report, FillContext context, DateTimeOffset now)
    {
        var sent = ReconcileDecider.UnloggedSend(order, now);
        return DecideSent(sent.Order, report, context, now) switch
        {
            Decision.Commit c => new Decision.Commit(sent.Then(c.Changed)),
            Decision.Anomaly a => a with { Recorded = sent.Then(a.Recorded) },
            var nothing => nothing,
        };
    }

    // The venue spoke of an order in doubt and moved it: the doubt is over, and so is its reason (as when found).
    private static Decision EndsDoubt(Order before, Decision decided) =>
        decided is Decision.Commit { Changed: { UpdatesOrder: true } c } && c.Order.Reason == before.Reason
            && before.Reason?.StartsWith("In doubt", StringComparison.Ordinal) == true
            ? new Decision.Commit(c.Moved(c.Order with { Reason = null })) : decided;

    private static Decision DecideSent(Order order, ExecutionReport report, FillContext context, DateTimeOffset now)
    {
        Step Venue(AuditAction action, string eventType, string? reason) =>
            new(action, eventType, now) { VenueTime = report.TransactTime, Reason = reason };
        return report.Kind switch
        {
            ExecutionKind.Fill => Fill(order, report, context, now),
            ExecutionKind.Cancelled => WithVenueTotals(Cancelled(order, report, Venue), report),
            ExecutionKind.CancelRejected => Transit.Apply(order, OrderTrigger.CancelRejected,
                Venue(AuditAction.CancelRejected, OrderEventType.CancelRejected, report.Reason)),
            ExecutionKind.Rejected => Transit.Apply(order, OrderTrigger.VenueRejected,
                Venue(AuditAction.Rejected, OrderEventType.Rejected, report.Reason)),
            ExecutionKind.Expired => WithVenueTotals(Transit.Apply(order, OrderTrigger.Expired,
                Venue(AuditAction.Expired, OrderEventType.Expired, report.Reason ?? "Time in force ended.")), report),
            ExecutionKind.Replaced or ExecutionKind.ReplaceRejected => Replace(order, report, now),
            _ => Decision.Nothing,
        };
    }

    // A cancel Fillmore or an administrator asked for keeps its own reason and code (an expiry ends the
    // order as EXPIRED, with the deadline as the reason; a sibling's execution, a halt, a timeout say
    // so); the trader's gets the venue's words.
    private static Decision Cancelled(Order order, ExecutionReport report,
        Func<AuditAction, string, string?, Step> venue)
    {
        var (trigger, action, eventType) = ExpiryDecider.Cancellation(order);
        // A collar sent IOC: the venue itself cancels what could not fill within the slippage limit.
        var collar = order.CancelIntent is null && order.IsCollared && order.Terms.TimeInForce == TimeInForce.Ioc;
        var reason = order.CancelIntent is not null ? order.Reason
            : collar ? Slippage.Reason(order)
            : report.Reason ?? "Cancelled at the venue.";
        return Transit.Apply(order, trigger, venue(action, eventType, reason) with
        {
            ErrorCode = collar ? ReasonCodes.SlippageLimit : order.CancelIntent,
        });
    }

    // The venue's answer to a replace: the pending terms become the order's, or are dropped. A repeat (nothing pending)
    // changes nothing.
    private static Decision Replace(Order order, ExecutionReport report, DateTimeOffset now)
    {
        var confirmed = report.Kind == ExecutionKind.Replaced;
        if (order.PendingAmend is null) return Decision.Nothing;
        if (order.OnReplace(confirmed, now) is not TransitionResult.Applied { Moved: var after })
            return Decision.Nothing;
        var reason = confirmed
            ? $"Replaced at the venue: {after.Terms.Quantity} @ {after.Terms.LimitPrice ?? after.Terms.StopPrice} "
                + $"(revision {after.VenueRevision})."
            : $"The venue refused the replace ({report.Reason ?? "no reason given"}); "
                + "the order works on under its old terms.";
        var change = OrderChange.Of(order, after)
            .Audited(AuditRecord.Of(after, confirmed ? AuditAction.Amended : AuditAction.AmendRejected, Actor.System,
                now, reason: reason, quantity: after.Terms.Quantity,
                price: after.Terms.LimitPrice ?? after.Terms.StopPrice))
            .Emitting(OrderEvent.Of(after, confirmed ? OrderEventType.Amended : OrderEventType.AmendRejected, now,
                report.TransactTime)
                with { Reason = reason });
        // What filled while the replace was on its way is now all of it.
        return new Decision.Commit(after.Status == OrderStatus.Filled && order.Status != OrderStatus.Filled
            ? change.Emitting(OrderEvent.Of(after, OrderEventType.Filled, now, report.TransactTime)) : change);
    }

    /// <summary>
    /// Whether the report's cumulative quantity is ahead of the fills on record once this decision
    /// is committed: executions whose reports were lost, to be recorded by reconciling the order.
    /// </summary>
    public static bool RevealsGap(ExecutionReport report, FillContext context, Decision decision) =>
        report.CumulativeQuantity > 0
        && report.CumulativeQuantity > context.RecordedQuantity + (decision.Change?.Fills.Sum(f => f.Quantity) ?? 0);

    private static Decision Fill(Order order, ExecutionReport report, FillContext context, DateTimeOffset now)
    {
        if (context.Recorded.Any(f => f.Venue == report.Venue && f.ExecutionId == report.ExecutionId))
            return Decision.Nothing;
        // More than the old quantity but within the amended one: the venue replaced the order and its
        // Replaced report is late or lost. The fill implies the replace (as a fill implies the ack).
        if (order.PendingAmend is { } amend && report.CumulativeQuantity > order.Terms.Quantity
            && report.CumulativeQuantity <= amend.Quantity
            && Replace(order,
                report with { Kind = ExecutionKind.Replaced, Reason = "implied by a fill beyond the old quantity" },
                now) is
                Decision.Commit { Changed: var replaced })
            return Fill(replaced.Order, report, context, now) switch
            {
                Decision.Commit c => new Decision.Commit(replaced.Then(c.Changed)),
                Decision.Anomaly a => a with { Recorded = replaced.Then(a.Recorded) },
                _ => new Decision.Commit(replaced),
            };
        switch (order.OnFill(report.CumulativeQuantity, report.AveragePrice, now))
        {
            case TransitionResult.Illegal illegal:
                var reason =
                    $"Fill {report.ExecutionId} of {report.LastQuantity} @ {report.LastPrice} refused: "
                        + $"{illegal.Message}.";
                return new Decision.Anomaly(OrderChange.Of(order, order)
                    .Audited(Transit.Anomaly(order, now, reason, illegal.Code)), illegal.Code);
            case TransitionResult.Applied applied:
                var recorded = Recorded(order, applied.Moved, report, context, now);
                return context.SiblingsFilled == 0 ? new Decision.Commit(recorded)
                    : new Decision.Anomaly(OverExecuted(recorded, context, now),
                    ReasonCodes.OverExecution);
            default:
                return Decision.Nothing;
        }
    }

    private static OrderChange Recorded(Order before, Order after, ExecutionReport report, FillContext context,
        DateTimeOffset now)
    {
        var ledger = context.Ledger
            ?? throw new ArgumentException("A fill needs the trader's ledger.", nameof(context));
        var fill = new Fill(context.NewFillId(), before.Id, before.TraderId, report.ExecutionId, report.LastQuantity,
            report.LastPrice, report.Venue, report.Commission, report.TransactTime);
        var complete = after.Status == OrderStatus.Filled;
        var effect = FillAccounting.Apply(ledger.PositionIn(before.Spec.Symbol), before.Spec.Side, fill.Quantity,
            fill.Price, fill.Commission);
        var account = (ledger.Account with { Cash = ledger.Account.Cash + effect.CashDelta }).Bumped();
        var update = new LedgerUpdate(account, effect.Position, context.Calendar.DayOf(fill.Timestamp),
            effect.RealisedDelta);
        return (OrderChange.Of(before, after) with { Ledger = update })
            .WithFill(fill)
            .Audited(AuditRecord.Of(after, complete ? AuditAction.Filled : AuditAction.PartiallyFilled, Actor.System,
                now, quantity: fill.Quantity, price: fill.Price, reason: SlippageOf(after)))
            .Emitting(OrderEvent.Of(after, complete ? OrderEventType.Filled : OrderEventType.PartiallyFilled, now,
                report.TransactTime, fill) with
            {
                Position = new EventPosition(effect.Position.Symbol.Value, effect.Position.Quantity,
                    effect.Position.AverageCost),
            });
    }

    // Compliance reads the realised slippage on the fill's own entry (the order's average so far against its arrival).
    private static string? SlippageOf(Order order) => order.RealisedSlippageBps is { } bps
        ? $"Slippage {bps:0.00} bps against the arrival price {order.ArrivalPrice}"
            + (order.SlippageLimitBps is { } limit ? $" (limit {limit} bps)." : ".")
        : null;

    // One-cancels-other lost a race: this exit executed although its sibling had already. The fill
    // counts (the venue is the truth) and the over-execution is recorded and announced, never hidden.
    private static OrderChange OverExecuted(OrderChange recorded, FillContext context, DateTimeOffset now)
    {
        var order = recorded.Order;
        var reason =
            $"Over-execution: this exit executed although its sibling had executed {context.SiblingsFilled} already; "
            + "the position may now be past flat. Check the account and close what is left by hand.";
        return recorded.Audited(Transit.Anomaly(order, now, reason, ReasonCodes.OverExecution))
            .Emitting(OrderEvent.Of(order, OrderEventType.OverExecuted, now) with { Reason = reason });
    }

    private static Decision WithVenueTotals(Decision decision,
        ExecutionReport report) => decision is Decision.Commit { Changed: var c }
        && c.UpdatesOrder
        ? new Decision.Commit(c.Moved(c.Order.WithVenueTotals(report.CumulativeQuantity, report.AveragePrice)))
        : decision;
}
