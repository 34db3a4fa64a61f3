// An order SMART split across venues (docs/routing.md, "Splitting") follows its ROUTE children, from
// their state alone (so deciding again after a crash changes nothing):
//  - acknowledged once any child works at its venue;
//  - filled as they fill: its filled quantity is the sum of theirs and its average price the
//    volume-weighted average of theirs (PARTIALLY_FILLED, then FILLED);
//  - an IOC's part that ended short is re-routed: what no part fills or still works goes, once, to the
//    best venue that has not had a part (the router's choice recorded as another ROUTED entry);
//  - while a part is in doubt, nothing is re-routed and the order does not end (the venue may have
//    filled it);
//  - ended once every child has ended: REJECTED when no venue took any part, EXPIRED when a part
//    expired (and the trader did not cancel), otherwise CANCELLED, with each child's end in the reason.
// Cancelling it cancels what is left of every child (each at its venue); it is never sent anywhere.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;

public static class RoutedFamilyDecider
{
    public static void Settle(FamilyChange change, Reroute? reroute, DateTimeOffset now)
    {
        var children = change.Family.Children;
        if (children.Count == 0) return;
        var parent = change.Family.Parent;
        if (parent.Status == OrderStatus.PendingSubmit && children.Any(c => c.Status is OrderStatus.Pending
                or OrderStatus.Partial or OrderStatus.Filled))
            change.Add(Transit.Apply(parent, OrderTrigger.VenueAccepted,
                new Step(AuditAction.Acknowledged, OrderEventType.Submitted, now)
                {
                    Reason = "Its child orders work at their venues.", Source = "Its child orders",
                }));
        var filled = children.Sum(c => c.FilledQuantity);
        if (filled > change[parent.Id].FilledQuantity) change.Add(Filled(change[parent.Id], children, filled, now));
        parent = change[parent.Id];
        if (parent.Status.IsTerminal()) return;
        // A part in doubt (even one its trader closed out) may still turn out filled at its venue: nothing is
        // re-routed and the order does not end until its venue has said.
        if (children.Any(c => c.InDoubtSince is not null)) return;
        if (reroute is not null && RerouteRemainder(change, parent, reroute, now)) return;
        if (children.Any(c => !c.Status.IsTerminal())) return;
        change.Add(Ended(parent, children, now));
    }

    // What no part filled and no part still works for: an IOC's remainder, once per venue.
    private static bool RerouteRemainder(FamilyChange change, Order parent, Reroute reroute, DateTimeOffset now)
    {
        if (parent.Spec.TimeInForce != TimeInForce.Ioc || parent.Status == OrderStatus.PendingCancel) return false;
        var children = change.Family.Children;
        var covered = children.Sum(c => c.Status.IsTerminal() ? c.FilledQuantity : c.Terms.Quantity);
        var left = parent.Terms.Quantity - covered;
        if (left <= 0 || reroute(parent, children.Select(c => c.Venue).ToHashSet(), left, now) is not var (part, why))
            return false;
        change.Add(new Decision.Commit(OrderChange.NewOrder(part).Audited(AuditRecord.Of(part, AuditAction.Submitted,
                Actor.System, now, reason: $"{left} of SMART order {parent.Id} re-routed to {part.Venue}."))
            .Emitting(OrderEvent.Of(part, OrderEventType.Accepted, now))));
        change.Add(new Decision.Commit(OrderChange.Of(parent, parent)
            .Audited(AuditRecord.Of(parent, AuditAction.Routed, Actor.System, now,
                reason: Routing.RoutingJson.Write(why)))
            .Emitting(OrderEvent.Of(parent, OrderEventType.Routed, now) with { Reason = why.Reason })));
        return true;
    }

    /// <summary>The trader (or an administrator) cancelled the order: what is left of every child is
    /// cancelled.</summary>
    public static void Cancel(FamilyChange change, DateTimeOffset now)
    {
        foreach (var child in change.Family.Children.Where(c =>
            !c.Status.IsTerminal() && c.Status != OrderStatus.PendingCancel))
            change.Add(FamilyDecider.SystemCancel(child, ReasonCodes.ParentCancelled,
                "Its SMART order was cancelled.", now));
    }

    private static Decision Filled(Order parent, IReadOnlyList<Order> children, long filled, DateTimeOffset now)
    {
        var average = children.Sum(c => c.FilledQuantity * (c.AverageFillPrice ?? 0m)) / filled;
        if (parent.OnFill(filled, average, now) is not TransitionResult.Applied { Moved: var moved })
            return Decision.Nothing;
        var done = moved.Status == OrderStatus.Filled;
        return new Decision.Commit(OrderChange.Of(parent, moved)
            .Audited(AuditRecord.Of(moved, done ? AuditAction.Filled : AuditAction.PartiallyFilled, Actor.System, now,
                reason: $"{filled} of {moved.Terms.Quantity} filled across its child orders.",
                quantity: filled - parent.FilledQuantity, price: average))
            .Emitting(OrderEvent.Of(moved, done ? OrderEventType.Filled : OrderEventType.PartiallyFilled, now)));
    }

    private static Decision Ended(Order parent, IReadOnlyList<Order> children, DateTimeOffset now)
    {
        var reason = "Its child orders ended: " + string.Join("; ", children.Select(c =>
            $"{c.Venue} {ApiNames.Of(c.Status)} with {c.FilledQuantity} of {c.Terms.Quantity}")) + ".";
        var (trigger, action, type) =
            children.All(c => c.FilledQuantity == 0 && c.Status is OrderStatus.Rejected or OrderStatus.Failed)
                && parent.Status == OrderStatus.PendingSubmit
                ? (OrderTrigger.VenueRejected, AuditAction.Rejected, OrderEventType.Rejected)
            : parent.Status != OrderStatus.PendingCancel && children.Any(c => c.Status == OrderStatus.Expired)
                && parent.Status != OrderStatus.PendingSubmit
                ? (OrderTrigger.Expired, AuditAction.Expired, OrderEventType.Expired)
            : (OrderTrigger.Cancelled, AuditAction.Cancelled, OrderEventType.Cancelled);
        return Transit.Apply(parent, trigger, new Step(action, type, now)
        {
            Reason = reason, Source = "Its child orders",
            ErrorCode = trigger == OrderTrigger.Cancelled && parent.Status != OrderStatus.PendingCancel
                ? ReasonCodes.ChildrenEnded : null,
        });
    }
}
