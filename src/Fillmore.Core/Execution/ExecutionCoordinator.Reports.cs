// Venue reports and start-up recovery. A fill is applied at most once: its (venue, execution id)
// is checked against the recorded fills inside the trader's gate, and the store's unique key
// refuses a duplicate that slipped past anyway.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed partial class ExecutionCoordinator
{
    public async Task ApplyReportAsync(ExecutionReport report, CancellationToken ct = default)
    {
        var known = await mutator.MutateAsync(report.OrderId, order => DecideReportAsync(order, report, ct), ct).ConfigureAwait(false);
        if (known is null) LogUnknownOrder(report.OrderId, report.Kind.ToString());
        else if (report.Kind == ExecutionKind.Fill)
            LogFill(report.ExecutionId, report.OrderId, known.TraderId.Value, report.LastQuantity, known.Spec.Symbol.Value, report.LastPrice,
                report.TransactTime, known.FilledQuantity, ApiNames.Of(known.Status));
    }

    private async ValueTask<OrderChange?> DecideReportAsync(Order order, ExecutionReport report, CancellationToken ct)
    {
        // Inside the gate: the sender cannot be recording its outcome at the same time.
        if (_sending.ContainsKey(order.Id))
        {
            _parked.AddOrUpdate(order.Id, _ => [report], (_, list) => [.. list, report]);
            return null;
        }
        var now = time.GetUtcNow();
        return report.Kind switch
        {
            ExecutionKind.Fill => await FillChangeAsync(order, report, now, ct).ConfigureAwait(false),
            ExecutionKind.Cancelled => Cancel(order, now, report.Reason ?? "Cancelled at the venue.", report.TransactTime),
            ExecutionKind.CancelRejected => Transit(order, OrderTrigger.CancelRejected, now, report.Reason, AuditAction.CancelRejected, OrderEventType.CancelRejected, report.TransactTime, null),
            ExecutionKind.Rejected => Transit(order, OrderTrigger.VenueRejected, now, report.Reason, AuditAction.Rejected, OrderEventType.Rejected, report.TransactTime, null),
            ExecutionKind.Expired => Transit(order, OrderTrigger.Expired, now, report.Reason ?? "Time in force ended.", AuditAction.Expired, OrderEventType.Expired, report.TransactTime, null),
            _ => null,
        };
    }

    private async ValueTask<OrderChange?> FillChangeAsync(Order order, ExecutionReport report, DateTimeOffset now, CancellationToken ct)
    {
        var fills = await store.GetFillsAsync(order.Id, ct).ConfigureAwait(false);
        if (fills.Any(f => f.Venue == report.Venue && f.ExecutionId == report.ExecutionId)) return null; // a duplicate report
        Order after;
        try
        {
            after = order.ApplyFill(report.CumulativeQuantity, report.AveragePrice, now)!;
        }
        catch (IllegalTransitionException ex)
        {
            return OrderChange.Of(order, order).Audited(Anomaly(order, now, $"Fill {report.ExecutionId} of {report.LastQuantity} @ {report.LastPrice} refused: {ex.Message}"));
        }
        var fill = new Fill(ids.NewUuidV4(), order.Id, order.TraderId, report.ExecutionId, report.LastQuantity, report.LastPrice,
            report.Venue, report.Commission, report.TransactTime);
        var complete = after.Status == OrderStatus.Filled;
        var ledger = await ledgers.GetAsync(order.TraderId, ct).ConfigureAwait(false);
        var effect = FillAccounting.Apply(ledger.PositionIn(order.Spec.Symbol), order.Spec.Side, fill.Quantity, fill.Price, fill.Commission);
        var account = (ledger.Account with { Cash = ledger.Account.Cash + effect.CashDelta }).Bumped();
        var update = new LedgerUpdate(account, effect.Position, ledgers.Calendar.DayOf(fill.Timestamp), effect.RealisedDelta);
        return (OrderChange.Of(order, after) with { Ledger = update })
            .WithFill(fill)
            .Audited(AuditRecord.Of(after, complete ? AuditAction.Filled : AuditAction.PartiallyFilled, Actor.System, now,
                quantity: fill.Quantity, price: fill.Price))
            .Emitting(OrderEvent.Of(after, complete ? OrderEventType.Filled : OrderEventType.PartiallyFilled, now, report.TransactTime, fill) with
            {
                Position = new EventPosition(effect.Position.Symbol.Value, effect.Position.Quantity, effect.Position.AverageCost),
            });
    }

    /// <summary>
    /// Start-up recovery, before new orders are accepted: every order that was not terminal when
    /// the process stopped is compared with the venue and resumed from there.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct = default)
    {
        foreach (var order in await store.ListOpenOrdersAsync(ct).ConfigureAwait(false))
            await GuardAsync(() => ReconcileAsync(order.Id, ct), order.Id).ConfigureAwait(false);
    }

    /// <summary>Brings one order in line with the venue's view of it.</summary>
    public async Task ReconcileAsync(OrderId id, CancellationToken ct = default)
    {
        var answer = await venue.QueryAsync(id, ct).ConfigureAwait(false);
        switch (answer)
        {
            case VenueQuery.Found found:
                foreach (var report in AsReports(found.State)) await ApplyReportAsync(report, ct).ConfigureAwait(false);
                await mutator.MutateAsync(id, order => Transit(order, OrderTrigger.VenueAccepted, time.GetUtcNow(), null,
                    AuditAction.Reconciled, OrderEventType.Submitted, null, null), ct).ConfigureAwait(false);
                break;
            case VenueQuery.NotFound:
                await ResolveNotFoundAsync(id, ct).ConfigureAwait(false);
                break;
        }
    }

    // The venue proves it does not hold the order: one that never left is sent now (or cancelled,
    // if that is what the trader asked for); one it had acknowledged is lost and needs the trader.
    private async Task ResolveNotFoundAsync(OrderId id, CancellationToken ct)
    {
        var resend = false;
        await mutator.MutateAsync(id, order =>
        {
            var now = time.GetUtcNow();
            var neverAcknowledged = order.Status == OrderStatus.PendingSubmit
                || (order.Status == OrderStatus.PendingCancel && order.FilledQuantity == 0);
            if (order.Status == OrderStatus.PendingSubmit) { resend = true; return null; }
            if (order.Status == OrderStatus.PendingCancel)
                return Cancel(order, now, neverAcknowledged ? "Cancelled; the venue does not hold the order." : "Cancelled; the venue no longer holds the order.", null);
            return Transit(order, OrderTrigger.Failed, now,
                "The venue no longer holds this order (it may have restarted). Nothing is working at the venue: re-submit it or acknowledge it.",
                AuditAction.Failed, OrderEventType.Failed, null, "VENUE_LOST_ORDER");
        }, ct).ConfigureAwait(false);
        if (resend) Dispatch(id);
    }

    private static IEnumerable<ExecutionReport> AsReports(VenueOrderState state)
    {
        foreach (var execution in state.Executions) yield return execution;
        var last = state.Executions.Count > 0 ? state.Executions[^1].TransactTime : default;
        ExecutionKind? terminal = state.Status switch
        {
            VenueOrderStatus.Cancelled => ExecutionKind.Cancelled,
            VenueOrderStatus.Rejected => ExecutionKind.Rejected,
            VenueOrderStatus.Expired => ExecutionKind.Expired,
            _ => null,
        };
        if (terminal is { } kind)
            yield return new ExecutionReport(state.OrderId, kind, $"reconcile-{kind}", 0, 0, state.CumulativeQuantity, state.AveragePrice, 0, "", last, state.Reason);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Fill {ExecutionId} on order {OrderId} of {Trader}: {Quantity} {Symbol} @ {Price} at {Timestamp:O}; filled {FilledQuantity}, now {Status}.")]
    private partial void LogFill(string executionId, OrderId orderId, string trader, long quantity, string symbol, decimal price,
        DateTimeOffset timestamp, long filledQuantity, string status);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "The venue reported {Kind} for order {OrderId}, which Fillmore does not know.")]
    private partial void LogUnknownOrder(OrderId orderId, string kind);
}
