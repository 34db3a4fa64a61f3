// Brings local orders in line with the venue, the source of truth for what it holds and filled.
// ReconcileAll asks about every open order (and every order in doubt) this node owns and is not
// already working on, then refreshes the ghosts (venue orders Fillmore never placed: stored and
// reported, never adopted, closed once the venue no longer has them open; GhostKeeper).
// Found: ReconcileDecider.Found accepts an order still waiting for its answer, the venue's
// executions and end state are applied as reports, and a trader's pending cancel is then sent.
// Not found: ReconcileDecider.Missing says what the proof of absence means.
// Unknown: ReconcileDecider.Unanswered flags the order in doubt where the venue can never say and
// Fillmore does not know, or where the venue warns that it may have lost the order.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;

internal sealed class Reconciler(VenueSet venues, IOrderStore store, OrderMutator mutator, ReportApplier reports,
    CancelSender cancels, Families families, InFlight inFlight, IWorkLeases leases, EngineMetrics metrics,
    TimeProvider time, ILogger log)
{
    private readonly GhostKeeper _ghosts = new(venues, store, time, log);

    public async Task ReconcileAllAsync(CancellationToken ct)
    {
        metrics.Reconciled();
        try
        {
            foreach (var id in await leases.ListOwnedWorkAsync(ct).ConfigureAwait(false))
                if (!inFlight.IsBusy(id))
                    await EngineLog.GuardAsync(log, () => ReconcileOpenAsync(id, ct), id).ConfigureAwait(false);
            // A venue that cannot list its open orders says nothing about ghosts: none is reported or closed.
            foreach (var venue in venues.All)
                if (await venue.ListOpenOrdersAsync(ct).ConfigureAwait(false) is { } open)
                    await _ghosts.RefreshAsync(venue, open,
                        async id => await mutator.ReadAsync(id, ct).ConfigureAwait(false) is not null, ct)
                        .ConfigureAwait(false);
        }
        finally
        {
            metrics.ReconciliationFinished();
        }
    }

    // Held orders are not at the venue: only their family needs settling (a restart may have come between two steps).
    private async Task ReconcileOpenAsync(OrderId id, CancellationToken ct)
    {
        if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is not { } order) return;
        // An order SMART split is at no venue either: it follows its children.
        if (order.Status != OrderStatus.Held && !order.IsRoutedParent)
            await ReconcileAsync(id, ct).ConfigureAwait(false);
        else await families.SettleAsync(order, ct).ConfigureAwait(false);
    }

    public async Task ReconcileAsync(OrderId id, CancellationToken ct)
    {
        if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is not { } order) return;
        if (order.IsRoutedParent)
        {
            await families.SettleAsync(order, ct).ConfigureAwait(false);
            return;
        }
        var venue = venues.For(order);
        switch (await venue.QueryAsync(id, ct).ConfigureAwait(false))
        {
            case VenueQuery.Found found:
                await AdoptAsync(id, found.State, AuditAction.Reconciled, OrderEventType.Recovered, ct)
                    .ConfigureAwait(false);
                break;
            case VenueQuery.NotFound:
                var missing = await mutator.MutateAsync(id, order =>
                {
                    var decided = ReconcileDecider.Missing(order, time.GetUtcNow());
                    return new Decided<bool>(decided.Decision.Change, decided.Resend);
                }, ct).ConfigureAwait(false);
                if (missing.Result) inFlight.Enqueue(id);   // never sent by anyone: work in flight resumes
                else if (missing.Found) await families.SettleAsync(missing.Order!, ct).ConfigureAwait(false);
                break;
            case VenueQuery.Unknown unknown:
                await mutator.MutateAsync(id, order => ReconcileDecider.Unanswered(order, unknown,
                    venue.Capabilities.StatusQueries, time.GetUtcNow()), ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Takes the venue's word for the order (found by a reconciliation, a re-send's question, or a trader's
    /// retry).</summary>
    public async Task AdoptAsync(OrderId id, VenueOrderState state, AuditAction action, string eventType,
        CancellationToken ct)
    {
        var found = await mutator.MutateAsync(id,
            order => ReconcileDecider.Found(order, state, action, eventType, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        foreach (var report in ReconcileDecider.AsReports(state, found.Order))
            await reports.ApplyAsync(report, ct).ConfigureAwait(false);
        if ((await mutator.ReadAsync(id, ct).ConfigureAwait(false))?.Status == OrderStatus.PendingCancel
            && state.Status == VenueOrderStatus.Working)
            await cancels.SendAsync(id, ct).ConfigureAwait(false);
    }
}
