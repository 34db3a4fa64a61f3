// Decides what happens to a ghost order (a venue order Fillmore never placed): what a
// reconciliation's view of the venue does to it, and what an administrator's resolution does.
// Seen: first sight stores it and reports it (ANOMALY, GHOST_ORDER); a ghost still open takes the
// venue's latest view quietly; one closed before is opened again in its own row, unless an
// administrator dismissed it. Gone: the venue no longer lists it open, so it is closed with when
// and why (the venue's final word on it when it gives one). Every entry is filed under the
// venue's account when the venue names one (Ghost.Owner), and every resolution by an
// administrator names the administrator. Pure: no clock, no I/O; a null change means nothing to
// write.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public static class GhostDecider
{
    /// <summary>The longest dismissal reason kept (it goes into the audit trail).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The venue lists the order open and Fillmore has no such order; <paramref name="known"/> is its row, if
    /// any.</summary>
    public static GhostChange? Seen(Ghost? known, VenueOrderState state, string venue, DateTimeOffset now)
    {
        var view = Ghost.Of(state, venue, now);
        if (known is null)
            return new GhostChange(view, [Audit(view, AuditAction.Anomaly, OrderStatus.Pending, Actor.System, now,
                $"Ghost order at the venue: {view.Quantity} {view.Symbol} ({ApiNames.Of(view.VenueStatus)}). "
                    + "Fillmore did not place it and does not adopt it; an administrator can cancel it at the venue "
                    + "or dismiss it.")]);
        if (known.IsOpen)
            return SameView(known, view) ? null
                : new GhostChange(known with
                {
                    Quantity = view.Quantity, VenueStatus = view.VenueStatus, FilledQuantity = view.FilledQuantity,
                    Account = view.Account ?? known.Account, Version = known.Version + 1,
                }, []);
        // An administrator reviewed it and chose to leave it: it stays closed.
        if (known.Resolution == GhostResolution.Dismissed) return null;
        var reopened = known with
        {
            Quantity = view.Quantity, VenueStatus = view.VenueStatus, FilledQuantity = view.FilledQuantity,
            Account = view.Account ?? known.Account, ClosedAt = null, Resolution = null, CloseReason = null,
            ResolvedBy = null, CancelRequestedAt = null, CancelRequestedBy = null, Version = known.Version + 1,
        };
        return new GhostChange(reopened, [Audit(reopened, AuditAction.Anomaly, OrderStatus.Pending, Actor.System, now,
            $"Ghost order open at the venue again: {view.Quantity} {view.Symbol} ({ApiNames.Of(view.VenueStatus)}); it "
                + "was closed "
                + $"at {known.ClosedAt:O} ({known.CloseReason}).")]);
    }

    /// <summary>
    /// An open ghost the venue no longer lists open; <paramref name="final"/> is the venue's answer about it now.
    /// Null when that answer says it is still working (the two views crossed: the next round decides).
    /// </summary>
    public static GhostChange? Gone(Ghost ghost, VenueQuery final, DateTimeOffset now)
    {
        if (!ghost.IsOpen) return null;
        var state = (final as VenueQuery.Found)?.State;
        if (state?.Status == VenueOrderStatus.Working) return null;
        var cancelled = state?.Status == VenueOrderStatus.Cancelled && ghost.CancelRequestedAt is not null;
        var how = final switch
        {
            VenueQuery.Found => $"{ApiNames.Of(state!.Status)} at the venue, {state.CumulativeQuantity} of "
                + $"{state.Quantity} filled",
            VenueQuery.NotFound => "the venue no longer has it",
            VenueQuery.Unknown u => $"no longer among the venue's open orders; the venue could not say how it ended "
                + $"({u.Reason})",
            _ => "no longer among the venue's open orders",
        };
        var reason = cancelled ? $"Ghost order cancelled at the venue, as admin '{ghost.CancelRequestedBy}' asked: "
                + $"{how}."
            : $"Ghost order closed: {how}.";
        var closed = ghost with
        {
            VenueStatus = state?.Status ?? ghost.VenueStatus,
            FilledQuantity = Math.Max(ghost.FilledQuantity, state?.CumulativeQuantity ?? 0),
            ClosedAt = now, Resolution = cancelled ? GhostResolution.Cancelled : GhostResolution.EndedAtVenue,
            CloseReason = reason, ResolvedBy = cancelled ? ghost.CancelRequestedBy : null, Version = ghost.Version + 1,
        };
        return new GhostChange(closed, [Audit(closed, cancelled ? AuditAction.Cancelled : AuditAction.Reconciled,
            StatusOf(closed, gone: true), Actor.System, now, reason)]);
    }

    /// <summary>Why a resolution cannot go ahead (null: it can): unknown, or closed already.</summary>
    public static GhostResult? Refusal(Ghost? ghost) => ghost switch
    {
        null => new GhostResult.NotFound(),
        { IsOpen: false } => new GhostResult.AlreadyClosed(ghost),
        _ => null,
    };

    /// <summary>An administrator asks the venue to cancel the ghost; recorded before the request goes out.</summary>
    public static GhostChange CancelRequested(Ghost ghost, string admin, DateTimeOffset now)
    {
        var asked = ghost with { CancelRequestedAt = now, CancelRequestedBy = admin, Version = ghost.Version + 1 };
        return new GhostChange(asked, [Audit(asked, AuditAction.CancelRequested, OrderStatus.PendingCancel,
            Actor.Admin, now,
            $"Cancel of ghost order {ghost.OrderId} ({ghost.Quantity} {ghost.Symbol}) at {ghost.Venue} requested by "
                + $"admin '{admin}'.")]);
    }

    /// <summary>The venue's answer to that cancel, when it did not take it: an entry saying so (null when it
    /// did).</summary>
    public static AuditOnlyChange? CancelAnswered(Ghost ghost, VenueOutcome outcome, string admin, DateTimeOffset now)
    {
        var (action, code, what) = outcome switch
        {
            VenueOutcome.Rejected r => (AuditAction.CancelRejected, r.Code, $"refused it: {r.Reason}"),
            VenueOutcome.Retryable r => (AuditAction.CancelRejected, r.Code, $"did not process it: {r.Reason}"),
            VenueOutcome.Fatal f => (AuditAction.CancelRejected, f.Code, $"did not process it: {f.Reason}"),
            VenueOutcome.Unknown u => (AuditAction.Anomaly, u.Code,
                $"gave no clear answer ({u.Reason}); reconciliation closes the ghost if it did cancel it"),
            _ => default((AuditAction, string?, string?)),
        };
        return what is null ? null : new AuditOnlyChange([Audit(ghost, action, OrderStatus.Pending, Actor.System, now,
            $"The venue {what} (the cancel of ghost order {ghost.OrderId} requested by admin '{admin}').", code)]);
    }

    /// <summary>An administrator dismisses the ghost with a reason: closed for good, who and why recorded.</summary>
    public static GhostChange Dismiss(Ghost ghost, string admin, string reason, DateTimeOffset now)
    {
        var why = $"Dismissed by admin '{admin}': {reason}";
        var dismissed = ghost with
        {
            ClosedAt = now, Resolution = GhostResolution.Dismissed, CloseReason = why, ResolvedBy = admin,
            Version = ghost.Version + 1,
        };
        return new GhostChange(dismissed, [Audit(dismissed, AuditAction.Dismissed, StatusOf(dismissed, gone: false),
            Actor.Admin, now, why)]);
    }

    /// <summary>The dismissal's reason as given, trimmed; or the 400 it deserves.</summary>
    public static RuleViolation? ReasonProblem(string? reason) => reason?.Trim() switch
    {
        null or "" => new RuleViolation("reason", ReasonCodes.ReasonRequired,
            "A dismissal needs a reason: it goes into the audit trail.",
            "Send {\"reason\": \"...\"}, e.g. \"placed by the desk's other system; booked there\"."),
        { Length: > MaxReasonLength } text => new RuleViolation("reason", ReasonCodes.ReasonTooLong,
            $"The reason has {text.Length} characters; at most {MaxReasonLength} are kept.",
            "Shorten it and refer to a ticket for the details."),
        _ => null,
    };

    private static bool SameView(Ghost known, Ghost view) =>
        known.Quantity == view.Quantity && known.VenueStatus == view.VenueStatus
            && known.FilledQuantity == view.FilledQuantity && (view.Account is null || known.Account == view.Account);

    // The audit trail needs a status: the one the venue gives it; gone without the venue's word, filled or
    // cancelled by what it last reported filled.
    private static OrderStatus StatusOf(Ghost ghost, bool gone) => ghost.VenueStatus switch
    {
        VenueOrderStatus.Filled => OrderStatus.Filled,
        VenueOrderStatus.Cancelled => OrderStatus.Cancelled,
        VenueOrderStatus.Rejected => OrderStatus.Rejected,
        VenueOrderStatus.Expired => OrderStatus.Expired,
        _ when !gone => ghost.FilledQuantity > 0 ? OrderStatus.Partial : OrderStatus.Pending,
        _ => ghost.FilledQuantity >= ghost.Quantity ? OrderStatus.Filled : OrderStatus.Cancelled,
    };

    private static AuditRecord Audit(Ghost ghost, AuditAction action, OrderStatus status, Actor actor,
        DateTimeOffset now, string reason, string? code = ReasonCodes.GhostOrder) =>
        new(ghost.OrderId, ghost.Owner, action, status, ghost.Symbol, ghost.Side, ghost.Quantity, null, ghost.Venue,
            now, reason, null, code, ExecutionPath.V2, actor);
}
