// Applies venue reports: enter the order's gate, read what deciding needs (its fills, the trader's
// ledger for a fill), decide (ReportDecider), commit. A report for an order whose request is on
// its way to the venue is parked instead (InFlight) and applied once the answer is recorded, so
// the trail reads in order. A fill is applied at most once: its (venue, execution id) is checked
// against the recorded fills in the gate, and the store's unique key refuses one that slipped past.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

internal sealed class ReportApplier(OrderMutator mutator, LedgerBook ledgers, IIdGenerator ids,
    InFlight inFlight, Families families, EngineMetrics metrics, TimeProvider time, ILogger log)
{
    /// <returns>Whether the report revealed executions whose own reports were lost: reconcile the order to record
    /// them.</returns>
    public async Task<bool> ApplyAsync(ExecutionReport report, CancellationToken ct)
    {
        // Joins the order's submission trace, like its send.
        using var span = EngineTracing.Start(EngineTracing.Report, inFlight.Traces.ParentOf(report.OrderId));
        span?.SetTag(EngineTracing.OrderIdTag, report.OrderId.ToString())
            .SetTag(EngineTracing.ReportKindTag, report.Kind.ToString());
        // Every node hears every report; the order's owner applies it (another node's ledger and audit are not ours to
        // write).
        var applied = await mutator.MutateOwnedAsync(report.OrderId, order => DecideAsync(order, report, ct), ct)
            .ConfigureAwait(false);
        if (applied.Elsewhere)
        {
            span?.SetTag(EngineTracing.OutcomeTag, "elsewhere");
            return false;
        }
        if (!applied.Found)
        {
            metrics.Report("unknown_order");
            span?.SetTag(EngineTracing.OutcomeTag, "unknown_order");
            EngineLog.UnknownOrder(log, report.OrderId, report.Kind.ToString());
            return false;
        }
        if (applied.Result.Parked) metrics.Report("parked");
        else metrics.Report(applied.Result.Decision);
        span?.SetTag(EngineTracing.OutcomeTag,
            applied.Result.Parked ? "parked" : EngineTracing.OutcomeOf(applied.Result.Decision));
        if (applied.Order!.Status.IsTerminal()) inFlight.Traces.Ended(report.OrderId);
        if (applied.Result.Decision is Decision.Commit or Decision.Anomaly)
            EngineLog.Report(log, report, applied.Order!);
        if (applied.Result.Decision.Change is not null)
            await families.SettleAsync(applied.Order!, ct).ConfigureAwait(false);
        return applied.Result.RevealsGap && !inFlight.IsSending(report.OrderId);
    }

    private async ValueTask<Decided<Outcome>> DecideAsync(Order order, ExecutionReport report, CancellationToken ct)
    {
        if (inFlight.TryPark(order.Id, report))
            return new(null, new Outcome(Decision.Nothing, RevealsGap: false, Parked: true));
        var context = await ContextAsync(order, report, ct).ConfigureAwait(false);
        var decision = ReportDecider.Decide(order, report, context, time.GetUtcNow());
        return new(decision.Change, new Outcome(decision, ReportDecider.RevealsGap(report, context, decision)));
    }

    /// <summary>In the order's gate: what deciding the report needs to read.</summary>
    public async ValueTask<FillContext> ContextAsync(Order order, ExecutionReport report, CancellationToken ct)
    {
        var fill = report.Kind == ExecutionKind.Fill;
        var fills = fill || report.CumulativeQuantity > 0
            ? await mutator.FillsOfAsync(order.Id, ct).ConfigureAwait(false) : [];
        var ledger = fill ? await ledgers.GetAsync(order.TraderId, ct).ConfigureAwait(false) : null;
        var siblings = fill && order.IsExit
            ? (await mutator.FamilyOfAsync(order, ct).ConfigureAwait(false)).SiblingsOf(order)
                .Sum(s => s.FilledQuantity) : 0;
        // A fill's id is time-ordered: fills are keyed by it, and a random key would dirty a page per fill.
        return new FillContext(fills, ledger, ledgers.Calendar, () => ids.NewUuidV7(time.GetUtcNow()))
        {
            SiblingsFilled = siblings,
        };
    }

    private sealed record Outcome(Decision Decision, bool RevealsGap, bool Parked = false);
}
