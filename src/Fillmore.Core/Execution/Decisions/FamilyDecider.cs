// Decides what a family's state requires of its members, from that state alone (so the same
// decision is taken again after a crash, and taking it twice changes nothing):
//  - a bracket's or OTO's held exits protect what the entry has filled (their quantity follows it);
//  - once an exit is engaged (triggered, released or executing), the other exits are cancelled and
//    what is left of the entry is cancelled too: the position is being closed;
//  - once the entry has ended: with nothing filled there is nothing to protect (exits cancelled);
//    with fills, an exit that triggered meanwhile is released now, for exactly what was filled;
//  - an OCO leg that executes (or triggers) cancels the other leg.
// Releases pass the risk rules again (atRelease); refused, the exit is DENIED and never sent. An exit
// SMART routed is routed again there (ReleaseVerdict).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;

public static class FamilyDecider
{
    /// <param name="reroute">Where an IOC's unfilled shares go next (null: they are not re-routed).</param>
    public static Settlement Settle(Family family, ReleaseCheck atRelease,
        DateTimeOffset now, Reroute? reroute = null) =>
        Settle(family, new FamilyChange(family), atRelease, now, reroute);

    /// <summary>Settles the family as <paramref name="change"/> leaves it, adding to that change (one commit for
    /// both).</summary>
    public static Settlement Settle(Family before, FamilyChange change,
        ReleaseCheck atRelease, DateTimeOffset now, Reroute? reroute = null)
    {
        if (change.Family.Parent.IsRoutedParent) RoutedFamilyDecider.Settle(change, reroute, now);
        else if (change.Family.IsOco) SettleOco(change, now);
        else if (change.Family.Children.Count > 0) SettleBracket(change, atRelease, now);
        return Settlement.Of(before, change);
    }

    private static void SettleBracket(FamilyChange change, ReleaseCheck atRelease,
        DateTimeOffset now)
    {
        foreach (var exit in change.Family.Children.Where(e =>
            e.Status == OrderStatus.Held && e.Terms.Quantity != change.Family.Parent.FilledQuantity))
            change.Add(Resize(exit, change.Family.Parent.FilledQuantity, now));
        if (change.Family.Children.FirstOrDefault(Engaged) is { } engaged)
        {
            foreach (var other in change.Family.SiblingsOf(engaged)
                .Where(o => o.Status == OrderStatus.Held && !Engaged(o)))
                change.Add(SystemCancel(other, ReasonCodes.SiblingExecuted,
                    "The other exit triggered first (one-cancels-other).", now));
            var entry = change.Family.Parent;
            if (!entry.Status.IsTerminal() && entry.Status != OrderStatus.PendingCancel)
                change.Add(SystemCancel(entry, ReasonCodes.SiblingExecuted,
                    "An exit triggered: what is left of the entry is cancelled.", now));
        }
        var parent = change.Family.Parent;
        // An entry the trader closed out while in doubt may still turn out filled at the venue: its
        // exits (which hold nothing) stay armed until the venue says what it did.
        if (!parent.Status.IsTerminal() || parent.InDoubtSince is not null) return;
        foreach (var exit in change.Family.Children.Where(e => e.Status == OrderStatus.Held).ToList())
        {
            if (parent.FilledQuantity == 0)
                change.Add(SystemCancel(exit, ReasonCodes.EntryEnded,
                    "The entry ended with nothing filled: nothing to protect.", now));
            else if (exit.TriggeredAt is not null && change[exit.Id] is var current && current.Terms.Quantity > 0)
            {
                var terms = TriggerDecider.ReleaseTerms(current);
                change.Add(TriggerDecider.Release(current, terms, atRelease(current, terms), now));
            }
        }
    }

    private static void SettleOco(FamilyChange change, DateTimeOffset now)
    {
        // Both legs work from the start: a leg is engaged once it executes, or (held) triggers.
        static bool Executing(Order leg) => leg.FilledQuantity > 0 || leg.TriggeredAt is not null;
        if (change.Family.Members.FirstOrDefault(Executing) is not { } engaged) return;
        foreach (var other in change.Family.SiblingsOf(engaged)
            .Where(o => !o.Status.IsTerminal() && o.Status != OrderStatus.PendingCancel && !Executing(o)))
            change.Add(SystemCancel(other, ReasonCodes.SiblingExecuted,
                "The other leg executed first (one-cancels-other).", now));
    }

    /// <summary>The trader cancelled the family's first order: its children that have not executed go with
    /// it.</summary>
    public static Settlement CancelChildren(Family family, DateTimeOffset now)
    {
        var change = new FamilyChange(family);
        CancelChildren(change, now);
        return Settlement.Of(family, change);
    }

    /// <summary>As CancelChildren, adding to <paramref name="change"/> (committed with the parent's cancel).</summary>
    public static void CancelChildren(FamilyChange change, DateTimeOffset now)
    {
        foreach (var child in change.Family.Children.Where(c =>
            !c.Status.IsTerminal() && c.FilledQuantity == 0 && c.Status != OrderStatus.PendingCancel))
            change.Add(SystemCancel(child, ReasonCodes.ParentCancelled, "Its parent order was cancelled by the trader.",
                now));
    }

    /// <summary>Triggered, released, or executing: the exit is closing the position.</summary>
    public static bool Engaged(Order exit) => exit.TriggeredAt is not null || exit.FilledQuantity > 0
        || exit.Status is OrderStatus.PendingSubmit or OrderStatus.Pending or OrderStatus.Partial or OrderStatus.Filled;

    private static Decision Resize(Order exit, long quantity, DateTimeOffset now)
    {
        var resized = exit.Resized(quantity, now);
        var reason = $"Follows the entry's fills: protects {quantity} shares.";
        return new Decision.Commit(OrderChange.Of(exit, resized)
            .Audited(AuditRecord.Of(resized, AuditAction.Amended, Actor.System, now, reason: reason,
                quantity: quantity))
            .Emitting(OrderEvent.Of(resized, OrderEventType.Amended, now) with { Reason = reason }));
    }

    /// <summary>
    /// A cancel Fillmore decides (an expiry, a sibling's execution, a parent's cancel): a held order
    /// is cancelled at once; one that may be at the venue becomes PENDING_CANCEL with the intent.
    /// </summary>
    public static Decision SystemCancel(Order order, string intent, string reason, DateTimeOffset now)
    {
        if (order.Status == OrderStatus.Held)
            return Transit.Apply(order, OrderTrigger.Cancelled,
                new Step(AuditAction.Cancelled, OrderEventType.Cancelled, now)
            {
                Reason = reason, ErrorCode = intent,
            });
        if (order.OnSystemCancel(intent, now, reason) is not TransitionResult.Applied { Moved: var pending })
            return Decision.Nothing;
        return new Decision.Commit(OrderChange.Of(order, pending)
            .Audited(AuditRecord.Of(pending, AuditAction.CancelRequested, Actor.System, now, reason: reason,
                errorCode: intent))
            .Emitting(OrderEvent.Of(pending, OrderEventType.CancelRequested, now)));
    }
}
