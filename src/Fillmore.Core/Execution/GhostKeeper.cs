// Keeps the ghosts (venue orders Fillmore never placed) in line with the venue and carries out an
// administrator's resolutions; GhostDecider decides each step, the store keeps the rows. Refresh
// runs in every reconciliation: every order the venue lists open that is not Fillmore's is a
// ghost (stored once, its view kept current); every open ghost of this venue that the venue no
// longer lists is closed with the venue's final word on it. An administrator cancels a ghost at
// the venue (the request is recorded before it goes out; the ghost closes once the venue no
// longer has it open) or dismisses it with a reason. Writers of several nodes may race for a
// ghost: each write is guarded by the ghost's version, a lost race is decided again from the
// stored row. Holds no state of its own, so any number of instances may run.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public sealed class GhostKeeper(VenueSet venues, IOrderStore store, TimeProvider time, ILogger log)
{
    // A lost race is decided again from the row the winner wrote; more than this many in a row means a bug.
    private const int Attempts = 3;

    /// <param name="venue">The venue that listed them.</param>
    /// <param name="open">What the venue lists open now.</param>
    /// <param name="ours">Whether an order id is Fillmore's own.</param>
    public async Task RefreshAsync(IVenue venue, IReadOnlyList<VenueOrderState> open, Func<OrderId, Task<bool>> ours,
        CancellationToken ct)
    {
        var known = (await store.ListGhostsAsync(open: true, ct).ConfigureAwait(false))
            .Where(g => g.Venue == venue.Name).ToDictionary(g => g.OrderId);
        var listed = new HashSet<OrderId>();
        foreach (var state in open)
        {
            listed.Add(state.OrderId);
            if (!known.TryGetValue(state.OrderId, out var ghost))
            {
                if (await ours(state.OrderId).ConfigureAwait(false)) continue;
                ghost = await store.GetGhostAsync(state.OrderId, ct).ConfigureAwait(false);
            }
            await DecideAsync(state.OrderId, ghost, g => GhostDecider.Seen(g, state, venue.Name, time.GetUtcNow()), ct)
                .ConfigureAwait(false);
        }
        foreach (var ghost in known.Values.Where(g => !listed.Contains(g.OrderId)))
        {
            var final = await venue.QueryAsync(ghost.OrderId, ct).ConfigureAwait(false);
            await DecideAsync(ghost.OrderId, ghost, g => g is null ? null : GhostDecider.Gone(g, final,
                time.GetUtcNow()), ct).ConfigureAwait(false);
        }
    }

    /// <param name="open">Open ghosts only (true), closed only (false), or all (null); oldest first.</param>
    public Task<IReadOnlyList<Ghost>> ListAsync(bool? open, CancellationToken ct = default) =>
        store.ListGhostsAsync(open, ct);

    /// <summary>
    /// An administrator has the venue cancel the ghost: recorded first (CANCEL_REQUESTED by the admin), then sent,
    /// then the venue's answer recorded when it did not take it; a ghost the venue no longer has open is closed at
    /// once, otherwise when reconciliation no longer sees it.
    /// </summary>
    public async Task<GhostResult> CancelAsync(OrderId id, string admin, CancellationToken ct = default)
    {
        var (requested, refusal) = await ResolveAsync(id, g => GhostDecider.CancelRequested(g, admin,
            time.GetUtcNow()), ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        var venue = venues.For(requested!.Venue);
        var outcome = await venue.CancelAsync(id, ct).ConfigureAwait(false);
        if (GhostDecider.CancelAnswered(requested!, outcome, admin, time.GetUtcNow()) is { } answer)
            await store.CommitAsync(answer, ct).ConfigureAwait(false);
        var ghost = requested!;
        if (outcome is VenueOutcome.Confirmed or VenueOutcome.Rejected)
        {
            var now = await venue.QueryAsync(id, ct).ConfigureAwait(false);
            ghost = await DecideAsync(id, ghost, g => g is null ? null : GhostDecider.Gone(g, now, time.GetUtcNow()),
                ct).ConfigureAwait(false) ?? ghost;
        }
        return outcome switch
        {
            _ when !ghost.IsOpen => new GhostResult.Closed(ghost),
            VenueOutcome.Confirmed => new GhostResult.CancelPending(ghost),
            VenueOutcome.Rejected r => new GhostResult.CancelRefused(ghost, r.Code, r.Reason),
            VenueOutcome.Retryable r => new GhostResult.VenueUnavailable(ghost, $"it did not process it ({r.Reason})."),
            VenueOutcome.Fatal f => new GhostResult.VenueUnavailable(ghost, $"it refused the connection ({f.Reason})."),
            VenueOutcome.Unknown u => new GhostResult.VenueUnavailable(ghost,
                $"its answer never came ({u.Reason}); it may have cancelled it."),
            _ => new GhostResult.VenueUnavailable(ghost, "no answer."),
        };
    }

    /// <summary>An administrator closes the ghost as reviewed, with a reason (DISMISSED by the admin).</summary>
    public async Task<GhostResult> DismissAsync(OrderId id, string admin, string? reason,
        CancellationToken ct = default)
    {
        if (GhostDecider.ReasonProblem(reason) is { } problem) return new GhostResult.Invalid(problem);
        var (dismissed, refusal) = await ResolveAsync(id, g => GhostDecider.Dismiss(g, admin, reason!.Trim(),
            time.GetUtcNow()), ct).ConfigureAwait(false);
        return refusal ?? new GhostResult.Closed(dismissed!);
    }

    // Reads the ghost, refuses what cannot be done to it, writes the decided change; a lost race is decided again.
    private async Task<(Ghost?, GhostResult?)> ResolveAsync(OrderId id, Func<Ghost, GhostChange> decide,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ghost = await store.GetGhostAsync(id, ct).ConfigureAwait(false);
            if (GhostDecider.Refusal(ghost) is { } refusal) return (null, refusal);
            var change = decide(ghost!);
            var commit = await store.CommitAsync(change, ct).ConfigureAwait(false);
            if (commit.Ok)
            {
                EngineLog.GhostChanged(log, id, change.Audit[0].Reason);
                return (change.Ghost, null);
            }
            if (commit.Status != CommitStatus.VersionConflict || attempt == Attempts)
                throw new InvalidOperationException($"Ghost {id}: the store refused the change ({commit.Status}).");
        }
    }

    // Writes what the decider makes of the ghost as stored; a lost race is decided again from the winner's row.
    // Returns the ghost as written (or as the decider left it), null when there is none.
    private async Task<Ghost?> DecideAsync(OrderId id, Ghost? ghost, Func<Ghost?, GhostChange?> decide,
        CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (decide(ghost) is not { } change) return ghost;
            var commit = await store.CommitAsync(change, ct).ConfigureAwait(false);
            if (commit.Ok)
            {
                if (change.Ghost.Version == 1)
                    EngineLog.Ghost(log, id, change.Ghost.Symbol.Value, change.Ghost.Quantity);
                else if (change.Audit.Count > 0) EngineLog.GhostChanged(log, id, change.Audit[0].Reason);
                return change.Ghost;
            }
            if (commit.Status != CommitStatus.VersionConflict) break;
            ghost = await store.GetGhostAsync(id, ct).ConfigureAwait(false);
        }
        return ghost;
    }
}
