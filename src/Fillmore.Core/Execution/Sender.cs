// Sends orders to the venue, with retry (FR-008, FR-009). Each step enters the order's gate,
// decides (SendDecider) and commits; the request itself goes out between gates, announced to
// InFlight so that reports overtaking its answer are parked. Attempt 0 goes out at once; before
// every re-send the venue is asked for the order: found means an earlier attempt did arrive, so
// its state is adopted (RECOVERED) and it is never sent again; a failed question proves nothing,
// so nothing is sent and it counts as another unclear attempt. When the attempts run out, one
// last question decides: the venue has it (adopt), proves it never got it (FAILED), or still
// cannot say (in doubt, for the reconciler).
namespace Fillmore.Core.Execution;

using System.Diagnostics;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;

internal sealed class Sender(VenueSet venues, OrderMutator mutator, ReportApplier reports, Reconciler reconciler,
    CancelSender cancels, Families families, InFlight inFlight, RetryPolicy policy,
    EngineMetrics metrics, ISendGuard? guard, TimeProvider time, ILogger log, Routing.VenueRejects? rejects)
{
    public async Task SendAsync(OrderId id, CancellationToken ct)
    {
        var picked = await mutator.MutateOwnedAsync(id, order => PickAsync(order, id, ct), ct).ConfigureAwait(false);
        if (picked.Elsewhere)
        {
            // Our lease lapsed and another node claimed the order: it reconciles and sends, never both of us.
            inFlight.Abandon(id);
            return;
        }
        if (!picked.Found) return;
        switch (picked.Result.Pickup.Kind)
        {
            case PickupKind.AskVenue:
                await reconciler.ReconcileAsync(id, ct).ConfigureAwait(false);
                return;
            case PickupKind.Halted:
                await families.SettleAsync(picked.Order!, ct).ConfigureAwait(false);
                return;
            case PickupKind.FinalCheck:
                await FinalCheckAsync(picked.Order!, picked.Result.Attempt, ct).ConfigureAwait(false);
                return;
            case PickupKind.Send:
                var (next, parked) = await AttemptAsync(picked.Order!, picked.Result.Attempt, ct).ConfigureAwait(false);
                foreach (var report in parked) await ApplyAsync(report, ct).ConfigureAwait(false);
                await FollowUpAsync(picked.Order!, picked.Result.Attempt, next, ct).ConfigureAwait(false);
                return;
        }
    }

    private async ValueTask<Decided<Picked>> PickAsync(Order order, OrderId id, CancellationToken ct)
    {
        var slot = inFlight.Take(id);
        var halt = guard is not null && order.Status == OrderStatus.PendingSubmit
            ? await guard.RefusalAsync(order, ct).ConfigureAwait(false) : null;
        var pickup = SendDecider.Pickup(order, slot, halt, time.GetUtcNow());
        if (pickup.Kind == PickupKind.Send) inFlight.BeginSending(id);
        return new(pickup.Decision.Change, new Picked(pickup, slot.Attempt));
    }

    private async Task<(SendNext Next, IReadOnlyList<ExecutionReport> Parked)> AttemptAsync(Order order, int attempt,
        CancellationToken ct)
    {
        var venue = venues.For(order);
        // A child of the submission's span although it runs later, on a send worker.
        using var span = EngineTracing.Start(EngineTracing.Send, inFlight.Traces.ParentOf(order.Id),
            ActivityKind.Client);
        span?.SetTag(EngineTracing.OrderIdTag, order.Id.ToString()).SetTag(EngineTracing.VenueTag, venue.Name)
            .SetTag(EngineTracing.AttemptTag, attempt);
        if (attempt > 0)
        {
            switch (await venue.QueryAsync(order.Id, ct).ConfigureAwait(false))
            {
                case VenueQuery.Found found:
                    span?.SetTag(EngineTracing.OutcomeTag, "found");
                    var parked = await EndSendingAsync(order.Id, ct).ConfigureAwait(false);
                    await reconciler.AdoptAsync(order.Id, found.State, AuditAction.Recovered, OrderEventType.Recovered,
                        ct).ConfigureAwait(false);
                    return (SendNext.Done, parked);
                case VenueQuery.Unknown unknown:
                    return await RecordOutcomeAsync(order.Id, SendDecider.Unanswered(unknown), attempt, ct)
                        .ConfigureAwait(false);
            }
        }
        var sent = time.GetTimestamp();
        var outcome = await venue.SubmitAsync(order, ct).ConfigureAwait(false);
        metrics.Answer(outcome, venue.Name, time.GetElapsedTime(sent));
        if (outcome is VenueOutcome.Rejected) rejects?.Record(venue.Name);
        span?.SetTag(EngineTracing.OutcomeTag, EngineTracing.OutcomeOf(outcome));
        if (outcome is VenueOutcome.Fatal fatal && guard is not null)
            await guard.VenueFailedAsync(venue.Name, fatal, ct).ConfigureAwait(false);
        return await RecordOutcomeAsync(order.Id, outcome, attempt, ct).ConfigureAwait(false);
    }

    // Through the gate, so that no report is parked after the parked ones were taken.
    private async Task<IReadOnlyList<ExecutionReport>> EndSendingAsync(OrderId id, CancellationToken ct) =>
        (await mutator.MutateAsync(id, _ => new Decided<IReadOnlyList<ExecutionReport>>(null, inFlight.EndSending(id)),
            ct).ConfigureAwait(false)).Result ?? [];

    private async Task<(SendNext, IReadOnlyList<ExecutionReport>)> RecordOutcomeAsync(OrderId id, VenueOutcome outcome,
        int attempt, CancellationToken ct)
    {
        var recorded = await mutator.MutateAsync(id, order => DecideOutcomeAsync(order, outcome, attempt, ct), ct)
            .ConfigureAwait(false);
        if (!recorded.Found) return (SendNext.Done, []);
        if (recorded.Order!.Status.IsTerminal()) inFlight.Traces.Ended(id);
        var (decided, parked) = recorded.Result;
        if (decided.JoinedReport is { } joined) EngineLog.Report(log, joined, recorded.Order!);
        if (decided.Decision.Change is not null) await families.SettleAsync(recorded.Order!, ct).ConfigureAwait(false);
        if (decided.GapAfterJoin && !inFlight.IsSending(id))
            await reconciler.ReconcileAsync(id, ct).ConfigureAwait(false);
        return (decided.Next, parked);
    }

    private async ValueTask<Decided<(SendOutcome, IReadOnlyList<ExecutionReport>)>> DecideOutcomeAsync(Order order,
        VenueOutcome outcome, int attempt, CancellationToken ct)
    {
        var parked = inFlight.EndSending(order.Id);
        // What the venue did at once: its answer states it, or a report quicker than the answer overtook it and was
        // parked.
        var known = outcome is VenueOutcome.Confirmed c ? c.Executions.FirstOrDefault(r => r.OrderId == order.Id)
            : null;
        if (outcome is VenueOutcome.Confirmed && known is null && parked.Count > 0)
            (known, parked) = (parked[0], parked.Skip(1).ToList());
        (ExecutionReport, FillContext)? join = known is null ? null
            : (known, await reports.ContextAsync(order, known, ct).ConfigureAwait(false));
        var decided = SendDecider.Outcome(order, attempt, outcome, policy, join, time.GetUtcNow());
        // Armed before the commit that announces it: whoever sees RETRY_SCHEDULED can rely on the
        // timer. The retry re-reads the order in the gate, so it is harmless even if this commit fails.
        if (decided.Next == SendNext.Retry)
        {
            inFlight.RetryLater(order.Id, attempt + 1, decided.RetryIn);
            metrics.RetryScheduled();
        }
        return new(decided.Decision.Change, (decided, parked));
    }

    private async Task FollowUpAsync(Order order, int attempt, SendNext next, CancellationToken ct)
    {
        switch (next)
        {
            case SendNext.FinalCheck:
                await FinalCheckAsync(order, attempt + 1, ct).ConfigureAwait(false);
                break;
            case SendNext.SendCancel:
                await cancels.SendAsync(order.Id, ct).ConfigureAwait(false);
                break;
        }
    }

    // The attempts ran out without a clear answer: ask one more time, then decide.
    private async Task FinalCheckAsync(Order order, int attempts, CancellationToken ct)
    {
        var id = order.Id;
        switch (await venues.For(order).QueryAsync(id, ct).ConfigureAwait(false))
        {
            case VenueQuery.Found found:
                await reconciler.AdoptAsync(id, found.State, AuditAction.Recovered, OrderEventType.Recovered, ct)
                    .ConfigureAwait(false);
                break;
            case VenueQuery.NotFound:
                await mutator.MutateAsync(id, current => SendDecider.NeverReceived(current, attempts,
                    time.GetUtcNow()), ct).ConfigureAwait(false);
                break;
            default:
                await mutator.MutateAsync(id, current => SendDecider.InDoubt(current, attempts, time.GetUtcNow()),
                    ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task ApplyAsync(ExecutionReport report, CancellationToken ct)
    {
        if (await reports.ApplyAsync(report, ct).ConfigureAwait(false))
            await reconciler.ReconcileAsync(report.OrderId, ct).ConfigureAwait(false);
    }

    private sealed record Picked(Pickup Pickup, int Attempt);
}
