// Decides what one venue report does to an order. A fill counts once: its (venue, execution id)
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
    public static Decision Decide(Order order, ExecutionReport report, FillContext context, DateTimeOffset now)
    {
        Step Venue(AuditAction action, string eventType, string? reason) =>
            new(action, eventType, now) { VenueTime = report.TransactTime, Reason = reason };
        return report.Kind switch
        {
            ExecutionKind.Fill => Fill(order, report, context, now),
            ExecutionKind.Cancelled => WithVenueTotals(Transit.Apply(order, OrderTrigger.Cancelled,
                Venue(AuditAction.Cancelled, OrderEventType.Cancelled, report.Reason ?? "Cancelled at the venue.")),
                report),
            ExecutionKind.CancelRejected => Transit.Apply(order, OrderTrigger.CancelRejected,
                Venue(AuditAction.CancelRejected, OrderEventType.CancelRejected, report.Reason)),
            ExecutionKind.Rejected => Transit.Apply(order, OrderTrigger.VenueRejected,
                Venue(AuditAction.Rejected, OrderEventType.Rejected, report.Reason)),
            ExecutionKind.Expired => WithVenueTotals(Transit.Apply(order, OrderTrigger.Expired,
                Venue(AuditAction.Expired, OrderEventType.Expired, report.Reason ?? "Time in force ended.")), report),
            _ => Decision.Nothing,
        };
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
        switch (order.OnFill(report.CumulativeQuantity, report.AveragePrice, now))
        {
            case TransitionResult.Illegal illegal:
                var reason =
                    $"Fill {report.ExecutionId} of {report.LastQuantity} @ {report.LastPrice} refused: "
                        + $"{illegal.Message}.";
                return new Decision.Anomaly(OrderChange.Of(order, order)
                    .Audited(Transit.Anomaly(order, now, reason, illegal.Code)), illegal.Code);
            case TransitionResult.Applied applied:
                return new Decision.Commit(Recorded(order, applied.Moved, report, context, now));
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
                now, quantity: fill.Quantity, price: fill.Price))
            .Emitting(OrderEvent.Of(after, complete ? OrderEventType.Filled : OrderEventType.PartiallyFilled, now,
                report.TransactTime, fill) with
            {
                Position = new EventPosition(effect.Position.Symbol.Value, effect.Position.Quantity,
                    effect.Position.AverageCost),
            });
    }

    private static Decision WithVenueTotals(Decision decision, ExecutionReport report) =>
        decision is Decision.Commit { Changed: var c } && c.UpdatesOrder
            ? new Decision.Commit(c.Moved(c.Order.WithVenueTotals(report.CumulativeQuantity, report.AveragePrice)))
            : decision;
}
