// THE order state machine: every legal (status, trigger) pair is listed here and nowhere else.
// Anything not listed is illegal. Terminal statuses (FILLED, CANCELLED, REJECTED, DENIED,
// EXPIRED, FAILED) accept nothing except the trader's re-submission of a FAILED order, and the
// venue's word on an order the trader acknowledged while it was in doubt.
// DENIED orders are born terminal (see Order.CreateDenied) and never appear as a source here.
// An illegal answer carries its code: what the trader asks for and may not have gets the code
// the API answers with (409); anything else a venue reports out of turn is ILLEGAL_TRANSITION.
namespace Fillmore.Core.Orders;

using S = OrderStatus;
using T = OrderTrigger;

public static class OrderTransitions
{
    public static Transition Next(OrderStatus from, OrderTrigger trigger, OrderFacts facts) => (from, trigger) switch
    {
        (S.PendingSubmit, T.VenueAccepted) => Transition.MoveTo(S.Pending),
        // A venue may fill before it acknowledges (or the ack is lost): the fill implies the ack.
        (S.PendingSubmit, T.PartiallyFilled) => Transition.MoveTo(S.Partial),
        (S.PendingSubmit, T.Filled) => Transition.MoveTo(S.Filled),
        // Cancelled before it reached the venue, or an IOC/FOK the venue killed without an ack.
        (S.PendingSubmit, T.Cancelled) => Transition.MoveTo(S.Cancelled),
        (S.PendingSubmit, T.CancelRequested) => Transition.MoveTo(S.PendingCancel),
        (S.PendingSubmit, T.VenueRejected) => Transition.MoveTo(S.Rejected),
        (S.PendingSubmit, T.Failed) => Transition.MoveTo(S.Failed),
        // In doubt (no attempt and not the final question got a clear answer; Fillmore never sends it
        // again by itself): the trader may have it sent again under the same id, once the venue said it
        // does not have it (the venue refuses a second order with one id, so it cannot be doubled) ...
        (S.PendingSubmit, T.Resubmitted) when facts.InDoubt => Transition.MoveTo(S.PendingSubmit),
        // ... or accept that it may or may not be at the venue. It ends FAILED: terminal, so it holds
        // no cash, counts as no open order and is never sent again (only PENDING_SUBMIT is sent, and
        // an acknowledged FAILED order takes no retry). It stays in doubt, so reconciliation keeps
        // asking the venue, and what the venue turns out to have done is recorded (below).
        (S.PendingSubmit, T.FailureAcknowledged) when facts.InDoubt => Transition.MoveTo(S.Failed),

        // Held by Fillmore (emulated, or an exit waiting for its entry): nothing is at a venue, so a
        // cancel or an expiry is done at once, and a release sends it, once.
        (S.Held, T.Released) => Transition.MoveTo(S.PendingSubmit),
        (S.Held, T.Refused) => Transition.MoveTo(S.Denied),
        (S.Held, T.CancelRequested or T.Cancelled) => Transition.MoveTo(S.Cancelled),
        (S.Held, T.Expired) => Transition.MoveTo(S.Expired),
        (S.Held, T.AmendRequested) => Transition.MoveTo(S.Held),

        (S.Pending, T.VenueAccepted) => Transition.Ignore(S.Pending),
        (S.Pending, T.PartiallyFilled) => Transition.MoveTo(S.Partial),
        (S.Pending, T.Filled) => Transition.MoveTo(S.Filled),
        (S.Pending, T.CancelRequested) => Transition.MoveTo(S.PendingCancel),
        // Unsolicited cancel by the venue (IOC remainder, venue-side risk, session end for some venues).
        (S.Pending, T.Cancelled) => Transition.MoveTo(S.Cancelled),
        (S.Pending, T.Expired) => Transition.MoveTo(S.Expired),
        // The venue lost an acknowledged order (e.g. it restarted) and proved it: the trader must decide.
        (S.Pending, T.Failed) => Transition.MoveTo(S.Failed),
        // Cancel/replace: the order works on under its old terms until the venue confirms the new ones.
        (S.Pending or S.Partial, T.AmendRequested or T.Replaced or T.ReplaceRejected) => Transition.MoveTo(from),

        (S.Partial, T.VenueAccepted) => Transition.Ignore(S.Partial),
        (S.Partial, T.PartiallyFilled) => Transition.MoveTo(S.Partial),
        (S.Partial, T.Filled) => Transition.MoveTo(S.Filled),
        (S.Partial, T.CancelRequested) => Transition.MoveTo(S.PendingCancel),
        (S.Partial, T.Cancelled) => Transition.MoveTo(S.Cancelled),
        (S.Partial, T.Expired) => Transition.MoveTo(S.Expired),
        (S.Partial, T.Failed) => Transition.MoveTo(S.Failed),

        // The ack of the original order can arrive after the trader already asked to cancel.
        (S.PendingCancel, T.VenueAccepted) => Transition.Ignore(S.PendingCancel),
        // A fill after a cancel request is normal: the order traded before the cancel reached the
        // book. A partial fill keeps the cancel pending; a complete fill ends the order as FILLED.
        (S.PendingCancel, T.PartiallyFilled) => Transition.MoveTo(S.PendingCancel),
        (S.PendingCancel, T.Filled) => Transition.MoveTo(S.Filled),
        (S.PendingCancel, T.CancelRequested) => Transition.Ignore(S.PendingCancel),
        (S.PendingCancel, T.Cancelled) => Transition.MoveTo(S.Cancelled),
        // Too late to cancel: the order keeps working where it was.
        (S.PendingCancel, T.CancelRejected) => Transition.MoveTo(facts.HasFills ? S.Partial : S.Pending),
        // The order itself was refused while the cancel was on its way.
        (S.PendingCancel, T.VenueRejected) => Transition.MoveTo(S.Rejected),
        (S.PendingCancel, T.Expired) => Transition.MoveTo(S.Expired),
        (S.PendingCancel, T.Failed) => Transition.MoveTo(S.Failed),
        // A replace confirmed or refused while a cancel is on its way: the cancel still decides.
        (S.PendingCancel, T.Replaced or T.ReplaceRejected) => Transition.MoveTo(S.PendingCancel),

        // Duplicate reports after the end are expected from real venues; they change nothing.
        // (A repeated fill never reaches the table: fills are deduplicated by execution id first, so
        // a NEW fill on a FILLED order is an over-fill, which stays illegal.)
        (S.Filled, T.VenueAccepted) => Transition.Ignore(S.Filled),
        (S.Cancelled, T.VenueAccepted or T.Cancelled) => Transition.Ignore(S.Cancelled),
        (S.Rejected, T.VenueRejected) => Transition.Ignore(S.Rejected),
        (S.Expired, T.Expired) => Transition.Ignore(S.Expired),
        // A cancel (ours: the trader's, an expiry, an exit's sibling) that lost the race to the end:
        // the venue refuses it or confirms a replace nobody waits for any more; nothing to do.
        (S.Filled or S.Cancelled or S.Expired,
            T.CancelRejected or T.Replaced or T.ReplaceRejected) => Transition.Ignore(from),

        // An acknowledged order in doubt that the venue turns out to hold: the venue is the truth about
        // executions, so the order takes the venue's state, its fills are recorded and a working
        // order can be cancelled. It is still never sent (none of these is PENDING_SUBMIT).
        (S.Failed, T.VenueAccepted) when facts.InDoubt => Transition.MoveTo(S.Pending),
        (S.Failed, T.PartiallyFilled) when facts.InDoubt => Transition.MoveTo(S.Partial),
        (S.Failed, T.Filled) when facts.InDoubt => Transition.MoveTo(S.Filled),
        (S.Failed, T.Cancelled) when facts.InDoubt => Transition.MoveTo(S.Cancelled),
        (S.Failed, T.Expired) when facts.InDoubt => Transition.MoveTo(S.Expired),
        (S.Failed, T.VenueRejected) when facts.InDoubt => Transition.MoveTo(S.Rejected),
        // ... or proves it never received: the doubt is over and the order stays FAILED.
        (S.Failed, T.Failed) when facts.InDoubt => Transition.MoveTo(S.Failed),

        // Only the trader can bring a FAILED order back, and only after the venue was checked;
        // once the trader closed it out (acknowledged), it takes neither again.
        (S.Failed, T.Resubmitted or T.FailureAcknowledged) when facts.FailureAcknowledged =>
            Transition.Illegal(from, ReasonCodes.OrderAcknowledged),
        (S.Failed, T.Resubmitted) => Transition.MoveTo(S.PendingSubmit),
        (S.Failed, T.FailureAcknowledged) => Transition.MoveTo(S.Failed),

        // What the trader asks for and the status does not allow: the code of the API's 409.
        (_, T.CancelRequested) => Transition.Illegal(from, ReasonCodes.OrderNotCancellable),
        (_, T.AmendRequested) => Transition.Illegal(from, ReasonCodes.OrderNotAmendable),
        (_, T.Resubmitted or T.FailureAcknowledged) => Transition.Illegal(from, ReasonCodes.OrderNotFailed),

        _ => Transition.Illegal(from),
    };
}
