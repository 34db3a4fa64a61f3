// Venue reports, reconciliation and ghosts. A fill is applied at most once: its (venue, execution
// id) is checked against the recorded fills inside the trader's gate, and the store's unique key
// refuses a duplicate that slipped past anyway. Reconciliation asks the venue about every open
// order this process is not already working on, applies what was missed, settles orders in
// doubt, and reports venue orders Fillmore never placed (ghosts) without adopting them.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public sealed partial class ExecutionCoordinator
{
    private readonly ConcurrentDictionary<OrderId, VenueOrderState> _ghosts = new();

    /// <summary>Orders found at the venue that Fillmore never placed.</summary>
    public IReadOnlyCollection<VenueOrderState> Ghosts => _ghosts.Values.ToList();

    public Task ApplyReportAsync(ExecutionReport report, CancellationToken ct = default) => ApplyReportAsync(report, followGaps: true, ct);

    // A report whose cumulative quantity is ahead of the fills on record reveals executions whose
    // reports were lost: the order is reconciled at once to record them (the venue is the truth).
    private async Task ApplyReportAsync(ExecutionReport report, bool followGaps, CancellationToken ct)
    {
        // Every node hears every report; the order's owner applies it (another node's ledger and audit are not ours to write).
        if (leases.Shared && !await leases.OwnsAsync(report.OrderId, ct).ConfigureAwait(false)) return;
        long? recorded = null;   // the quantity of fills on record after this report, when deciding it read them anyway
        var applied = false;     // false: parked, or a copy of a report already applied (nothing to log twice)
        var known = await mutator.MutateAsync(report.OrderId, async order =>
        {
            var change = await DecideReportAsync(order, report, q => recorded = q, ct).ConfigureAwait(false);
            applied = change is not null;
            return change;
        }, ct).ConfigureAwait(false);
        if (known is null)
        {
            LogUnknownOrder(report.OrderId, report.Kind.ToString());
            return;
        }
        if (applied) LogReport(report, known);
        if (followGaps) await FollowGapAsync(report, recorded, ct).ConfigureAwait(false);
    }

    private async Task FollowGapAsync(ExecutionReport report, long? recorded, CancellationToken ct)
    {
        if (!_sending.ContainsKey(report.OrderId) && report.CumulativeQuantity > 0
            && report.CumulativeQuantity > (recorded ?? (await store.GetFillsAsync(report.OrderId, ct).ConfigureAwait(false)).Sum(f => f.Quantity)))
            await ReconcileAsync(report.OrderId, ct).ConfigureAwait(false);
    }

    private void LogReport(ExecutionReport report, Order known)
    {
        if (report.Kind == ExecutionKind.Fill)
            LogFill(report.ExecutionId, report.OrderId, known.TraderId.Value, report.LastQuantity, known.Spec.Symbol.Value, report.LastPrice,
                report.TransactTime, known.FilledQuantity, ApiNames.Of(known.Status));
    }

    private async ValueTask<OrderChange?> DecideReportAsync(Order order, ExecutionReport report, Action<long> recordedAfter, CancellationToken ct)
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
            ExecutionKind.Fill => await FillChangeAsync(order, report, now, recordedAfter, ct).ConfigureAwait(false),
            ExecutionKind.Cancelled => WithVenueQuantity(Cancel(order, now, report.Reason ?? "Cancelled at the venue.", report.TransactTime), report),
            ExecutionKind.CancelRejected => Transit(order, OrderTrigger.CancelRejected, now, report.Reason, AuditAction.CancelRejected, OrderEventType.CancelRejected, report.TransactTime, null),
            ExecutionKind.Rejected => Transit(order, OrderTrigger.VenueRejected, now, report.Reason, AuditAction.Rejected, OrderEventType.Rejected, report.TransactTime, null),
            ExecutionKind.Expired => WithVenueQuantity(Transit(order, OrderTrigger.Expired, now, report.Reason ?? "Time in force ended.", AuditAction.Expired, OrderEventType.Expired, report.TransactTime, null), report),
            _ => null,
        };
    }

    // An order that ends at the venue carries the venue's cumulative quantity: executions whose own
    // reports were lost still count (and get recorded by the reconciliation the gap triggers).
    private static OrderChange? WithVenueQuantity(OrderChange? change, ExecutionReport report) =>
        change is null || report.CumulativeQuantity <= change.Order.FilledQuantity || report.CumulativeQuantity > change.Order.Spec.Quantity ? change
            : change with { Order = change.Order with { FilledQuantity = report.CumulativeQuantity, AverageFillPrice = report.AveragePrice } };

    private async ValueTask<OrderChange?> FillChangeAsync(Order order, ExecutionReport report, DateTimeOffset now, Action<long> recordedAfter, CancellationToken ct)
    {
        var fills = await mutator.FillsOfAsync(order.Id, ct).ConfigureAwait(false);
        var recorded = fills.Sum(f => f.Quantity);
        recordedAfter(recorded);
        if (fills.Any(f => f.Venue == report.Venue && f.ExecutionId == report.ExecutionId)) return null; // a duplicate report
        Order after;
        try
        {
            after = IsLateFill(order, report) ? order.RecordLateFill(report.CumulativeQuantity, report.AveragePrice, now) : order.ApplyFill(report.CumulativeQuantity, report.AveragePrice, now)!;
        }
        catch (IllegalTransitionException ex)
        {
            return OrderChange.Of(order, order).Audited(Anomaly(order, now, $"Fill {report.ExecutionId} of {report.LastQuantity} @ {report.LastPrice} refused: {ex.Message}"));
        }
        recordedAfter(checked(recorded + report.LastQuantity));   // this fill is recorded by the change returned
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

    // The venue is the source of truth for fills: an execution it reports is recorded even when it
    // cannot move the status, because its cumulative quantity was already counted (an earlier
    // report overtook it) or because it arrived after the order was cancelled or expired (it
    // traded before the cancel took effect). Cash and position must match the venue's executions.
    private static bool IsLateFill(Order order, ExecutionReport report) =>
        report.CumulativeQuantity <= order.FilledQuantity || order.Status is OrderStatus.Cancelled or OrderStatus.Expired;

    /// <summary>Asks the venue about one order (the trader's retry checks first).</summary>
    public ValueTask<VenueQuery> QueryVenueAsync(OrderId id, CancellationToken ct = default) => venue.QueryAsync(id, ct);

    /// <summary>After a trader's retry found the order at the venue: adopt its state.</summary>
    public Task AdoptFoundAsync(OrderId id, VenueOrderState state, CancellationToken ct = default) =>
        AdoptAsync(id, state, AuditAction.Recovered, OrderEventType.Recovered, ct);

    /// <summary>Start-up recovery, before new orders are accepted: see ReconcileAllAsync.</summary>
    public Task RecoverAsync(CancellationToken ct = default) => ReconcileAllAsync(ct);

    /// <summary>Compares every open order this node owns and is not working on with the venue, then looks for ghosts.</summary>
    public async Task ReconcileAllAsync(CancellationToken ct = default)
    {
        foreach (var id in await leases.ListOwnedWorkAsync(ct).ConfigureAwait(false))
            if (!IsBusy(id)) await GuardAsync(() => ReconcileAsync(id, ct), id).ConfigureAwait(false);
        var atVenue = await venue.ListOpenOrdersAsync(ct).ConfigureAwait(false);
        foreach (var state in atVenue ?? [])
            if (!_ghosts.ContainsKey(state.OrderId) && await mutator.ReadAsync(state.OrderId, ct).ConfigureAwait(false) is null)
                await ReportGhostAsync(state, ct).ConfigureAwait(false);
    }

    /// <summary>Brings one order in line with the venue's view of it.</summary>
    public async Task ReconcileAsync(OrderId id, CancellationToken ct = default)
    {
        var answer = await venue.QueryAsync(id, ct).ConfigureAwait(false);
        switch (answer)
        {
            case VenueQuery.Found found:
                await AdoptAsync(id, found.State, AuditAction.Reconciled, OrderEventType.Recovered, ct).ConfigureAwait(false);
                break;
            case VenueQuery.NotFound:
                await ResolveNotFoundAsync(id, ct).ConfigureAwait(false);
                break;
        }
    }

    // Takes the venue's word. An order not yet acknowledged is first marked as found at the venue
    // (RECONCILED or RECOVERED, now PENDING), so the trail reads in causal order; then the venue's
    // executions (each applied once) and its end state follow. A trader's pending cancel is then sent.
    private async Task AdoptAsync(OrderId id, VenueOrderState state, AuditAction action, string eventType, CancellationToken ct)
    {
        var unacknowledged = (await mutator.ReadAsync(id, ct).ConfigureAwait(false))?.Status == OrderStatus.PendingSubmit;
        if (unacknowledged && !(await store.GetAuditTrailAsync(id, ct).ConfigureAwait(false)).Any(e => e.Record.Action == AuditAction.Executed))
            await RecordUnloggedSendAsync(id, ct).ConfigureAwait(false);
        // A venue rejection is its own answer (PENDING_SUBMIT -> REJECTED); everything else means the venue accepted it.
        if (unacknowledged && state.Status != VenueOrderStatus.Rejected)
            await mutator.MutateAsync(id, order => order.Status != OrderStatus.PendingSubmit ? null
                : Transit(order, OrderTrigger.VenueAccepted, time.GetUtcNow(), null, action, eventType, null, null) is { } accepted
                    ? accepted with { Order = accepted.Order with { Reason = null } } : null, ct).ConfigureAwait(false);
        foreach (var report in AsReports(state)) await ApplyReportAsync(report, followGaps: false, ct).ConfigureAwait(false);
        if ((await mutator.ReadAsync(id, ct).ConfigureAwait(false))?.Status == OrderStatus.PendingCancel && state.Status == VenueOrderStatus.Working)
            await SendCancelAsync(id, ct).ConfigureAwait(false);
    }

    // The venue has an order whose sending was never recorded: the process stopped between sending
    // and recording the answer. The send happened, so the trail says so (audit completeness).
    private Task RecordUnloggedSendAsync(OrderId id, CancellationToken ct) =>
        mutator.MutateAsync(id, order => OrderChange.Of(order, order).Audited(AuditRecord.Of(order, AuditAction.Executed, Actor.System, time.GetUtcNow(),
            reason: "Found at the venue: the send was not recorded before the process stopped.", errorCode: "SEND_NOT_RECORDED")), ct);

    // The venue proves it does not hold the order. Never sent by anyone: send it now (work in
    // flight resumes). Sent before and still unanswered: FAILED, nothing executed. A cancel the
    // trader asked for is simply done. An acknowledged order the venue lost needs the trader.
    private async Task ResolveNotFoundAsync(OrderId id, CancellationToken ct)
    {
        var attempted = (await store.GetAuditTrailAsync(id, ct).ConfigureAwait(false)).Any(e => e.Record.Action == AuditAction.Executed);
        var resend = false;
        await mutator.MutateAsync(id, order =>
        {
            var now = time.GetUtcNow();
            switch (order.Status)
            {
                case OrderStatus.PendingSubmit when !attempted:
                    resend = true;
                    return null;
                case OrderStatus.PendingSubmit:
                    return Transit(order, OrderTrigger.Failed, now,
                        "Not executed: the venue confirms it never received the order. Retry it or acknowledge it.",
                        AuditAction.Failed, OrderEventType.Failed, null, "VENUE_NEVER_RECEIVED");
                case OrderStatus.PendingCancel:
                    return Cancel(order, now, order.FilledQuantity == 0 && !attempted
                        ? "Cancelled before it reached the venue." : "Cancelled; the venue no longer holds the order.", null);
                case OrderStatus.Pending or OrderStatus.Partial:
                    return Transit(order, OrderTrigger.Failed, now,
                        "The venue no longer holds this order (it may have restarted). Nothing is working at the venue: re-submit it or acknowledge it.",
                        AuditAction.Failed, OrderEventType.Failed, null, "VENUE_LOST_ORDER");
                default:
                    return null;
            }
        }, ct).ConfigureAwait(false);
        if (resend) Dispatch(id);
    }

    private async Task ReportGhostAsync(VenueOrderState ghost, CancellationToken ct)
    {
        _ghosts[ghost.OrderId] = ghost;
        if ((await store.GetAuditTrailAsync(ghost.OrderId, ct).ConfigureAwait(false)).Count > 0) return;   // reported before a restart
        var record = new AuditRecord(ghost.OrderId, new TraderId("unknown"), AuditAction.Anomaly, OrderStatus.Pending, ghost.Symbol, ghost.Side,
            ghost.Quantity, null, venue.Name, time.GetUtcNow(),
            $"Ghost order at the venue: {ghost.Quantity} {ghost.Symbol} ({ghost.Status}). Fillmore did not place it and does not adopt it; an operator must resolve it with the venue.",
            null, "GHOST_ORDER", ExecutionPath.V2, Actor.System);
        await store.CommitAsync(new AuditOnlyChange([record]), ct).ConfigureAwait(false);
        LogGhost(ghost.OrderId, ghost.Symbol.Value, ghost.Quantity);
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

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Ghost order {OrderId} at the venue: {Quantity} {Symbol}; reported, not adopted.")]
    private partial void LogGhost(OrderId orderId, string symbol, long quantity);
}
