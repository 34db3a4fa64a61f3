// What settling a family decided: the one change to commit, and what the plumbing does after it:
// orders released to the venue (send them), orders now waiting for a cancel at the venue (send the
// cancel), orders whose cancel waits on an unanswered send (ask the venue), and held orders that
// are no longer held (stop watching their triggers).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record Settlement(OrderChange? Change, IReadOnlyList<OrderId> Dispatch,
    IReadOnlyList<OrderId> CancelAtVenue, IReadOnlyList<OrderId> AskVenue, IReadOnlyList<OrderId> Disarm)
{
    public static Settlement None { get; } = new(null, [], [], [], []);

    public static Settlement Of(Family before, FamilyChange change)
    {
        var built = change.Build();
        if (built is null) return None;
        var was = before.Members.ToDictionary(m => m.Id, m => m.Status);
        var after = built.All.Select(c => c.Order).ToList();
        bool Moved(Order o, OrderStatus from, OrderStatus to) => was.GetValueOrDefault(o.Id) == from && o.Status == to;
        // A member created by the settlement (an IOC remainder re-routed) is sent like a released one.
        return new Settlement(built,
            after.Where(o => Moved(o, OrderStatus.Held, OrderStatus.PendingSubmit)
                || (!was.ContainsKey(o.Id) && o.Status == OrderStatus.PendingSubmit)).Select(o => o.Id).ToList(),
            after.Where(o => !o.IsRoutedParent && o.Status == OrderStatus.PendingCancel
                && was.GetValueOrDefault(o.Id) is OrderStatus.Pending or OrderStatus.Partial)
                .Select(o => o.Id).ToList(),
            after.Where(o => !o.IsRoutedParent && Moved(o, OrderStatus.PendingSubmit, OrderStatus.PendingCancel))
                .Select(o => o.Id).ToList(),
            after.Where(o => was.TryGetValue(o.Id, out var from) && from == OrderStatus.Held
                && o.Status != OrderStatus.Held).Select(o => o.Id).ToList());
    }
}
