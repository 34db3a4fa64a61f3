// Keeps families (brackets, OTO, OCO) consistent after any change to one of their orders: in the
// family's gate, read every member, decide (FamilyDecider.Settle), commit the one change, then
// act on it (Follow): send what was released, send the cancels that are due at the venue, ask the
// venue about cancels waiting on an unanswered send, stop watching orders no longer held.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;

internal sealed class Families(OrderMutator mutator, InFlight inFlight, HeldOrders held, CancelSender cancels,
    ReleaseRisk risk, Action requestReconciliation, TimeProvider time, Reroute? reroute = null)
{
    /// <summary>Whether <paramref name="order"/> belongs to a family (anything but a simple order at one
    /// venue).</summary>
    public static bool InFamily(Order order) =>
        order.ParentOrderId is not null || order.Spec.HasExits || order.IsRoutedParent;

    public async Task SettleAsync(Order member, CancellationToken ct)
    {
        if (!InFamily(member)) return;
        var settled = await mutator.MutateAsync(member.ParentOrderId ?? member.Id, async parent =>
        {
            var family = await mutator.FamilyOfAsync(parent, ct).ConfigureAwait(false);
            var check = await risk.ForReleaseAsync(parent.TraderId, ct).ConfigureAwait(false);
            var settlement = FamilyDecider.Settle(family, check, time.GetUtcNow(), reroute);
            return new Decided<Settlement>(settlement.Change, settlement);
        }, ct).ConfigureAwait(false);
        if (settled.Found) await FollowAsync(settled.Result, ct).ConfigureAwait(false);
    }

    /// <summary>After the commit: what the settlement asks of the venue and of this process.</summary>
    public async Task FollowAsync(Settlement settlement, CancellationToken ct)
    {
        foreach (var id in settlement.Disarm) held.Disarm(id);
        foreach (var id in settlement.Dispatch) inFlight.Enqueue(id);
        foreach (var id in settlement.CancelAtVenue) await cancels.SendAsync(id, ct).ConfigureAwait(false);
        if (settlement.AskVenue.Any(id => !inFlight.IsBusy(id))) requestReconciliation();
    }
}
