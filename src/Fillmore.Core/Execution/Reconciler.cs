// Brings local orders in line with the venue, the source of truth for what it holds and filled.
// ReconcileAll asks about every open order this node owns and is not already working on, then
// looks for ghosts (venue orders Fillmore never placed: reported once, in the store and the audit
// trail, never adopted). Found: ReconcileDecider.Found accepts an order still waiting for its
// answer, the venue's executions and end state are applied as reports, and a trader's pending
// cancel is then sent. Not found: ReconcileDecider.Missing says what the proof of absence means.
// Unknown: ReconcileDecider.Unanswered flags the order in doubt where the venue can never say and
// Fillmore does not know, or where the venue warns that it may have lost the order.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;

internal sealed class Reconciler(IVenue venue, IOrderStore store, OrderMutator mutator, ReportApplier reports,
    CancelSender cancels, Families families, InFlight inFlight, IWorkLeases leases, EngineMetrics metrics,
    TimeProvider time, ILogger log)
{
    private readonly ConcurrentDictionary<OrderId, VenueOrderState> _ghostsSeen = new();
    private readonly Lazy<Task<ConcurrentDictionary<OrderId, byte>>> _ghostsStored = new(async () =>
        new ConcurrentDictionary<OrderId, byte>((await store.ListGhostsAsync().ConfigureAwait(false))
            .Select(g => KeyValuePair.Create(g.OrderId, (byte)0))));

    /// <summary>The ghosts this process saw at the venue, as the venue last described them.</summary>
    public IReadOnlyCollection<VenueOrderState> Ghosts => _ghostsSeen.Values.ToList();

    public async Task ReconcileAllAsync(CancellationToken ct)
    {
        metrics.Reconciled();
        foreach (var id in await leases.ListOwnedWorkAsync(ct).ConfigureAwait(false))
            if (!inFlight.IsBusy(id))
                await EngineLog.GuardAsync(log, () => ReconcileOpenAsync(id, ct), id).ConfigureAwait(false);
        foreach (var state in await venue.ListOpenOrdersAsync(ct).ConfigureAwait(false) ?? [])
            if (!_ghostsSeen.ContainsKey(state.OrderId)
                && await mutator.ReadAsync(state.OrderId, ct).ConfigureAwait(false) is null)
                await ReportGhostAsync(state, ct).ConfigureAwait(false);
    }

    // Held orders are not at the venue: only their family needs settling (a restart may have come between two steps).
    private async Task ReconcileOpenAsync(OrderId id, CancellationToken ct)
    {
        if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is not { } order) return;
        if (order.Status != OrderStatus.Held) await ReconcileAsync(id, ct).ConfigureAwait(false);
        else await families.SettleAsync(order, ct).ConfigureAwait(false);
    }

    public async Task ReconcileAsync(OrderId id, CancellationToken ct)
    {
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

    private async Task ReportGhostAsync(VenueOrderState ghost, CancellationToken ct)
    {
        _ghostsSeen[ghost.OrderId] = ghost;
        // reported before, maybe before a restart
        if (!(await _ghostsStored.Value.ConfigureAwait(false)).TryAdd(ghost.OrderId, 0)) return;
        var now = time.GetUtcNow();
        await store.CommitAsync(new GhostChange(Ghost.Of(ghost, venue.Name, now),
            ReconcileDecider.Ghost(ghost, venue.Name, now)), ct).ConfigureAwait(false);
        EngineLog.Ghost(log, ghost.OrderId, ghost.Symbol.Value, ghost.Quantity);
    }
}
