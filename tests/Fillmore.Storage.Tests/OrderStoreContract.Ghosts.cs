// The ghosts' and the in-doubt orders' contract, on every provider: a ghost is stored once (a
// second first sight writes nothing, its entry included), later versions replace it only over the
// version before (a lost race is refused and writes nothing), every field reads back exactly,
// and listings filter open and closed ones. An order in doubt keeps the fact on its row, and one
// acknowledged while in doubt (FAILED) stays on the list reconciliation works through.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public abstract partial class OrderStoreContract
{
    private static VenueOrderState Foreign(string? account = "bob") =>
        new(new OrderId(Guid.NewGuid()), Symbol.Of("MSFT"), Side.Sell, 500, VenueOrderStatus.Working, 0, 0m, [], null)
        {
            Account = account,
        };

    [StoreFact]
    public async Task A_ghost_is_stored_once_and_its_later_versions_only_over_the_one_before()
    {
        var first = GhostDecider.Seen(null, Foreign(), "SIM", T0)!;
        Assert.True((await Store.CommitAsync(first)).Ok);
        Assert.True((await Store.CommitAsync(first)).Ok);   // another node saw it too: nothing more is written
        Assert.Single(await Store.ListAuditAsync(new AuditQuery(null, null, null, first.Ghost.OrderId, null, null, 0, 10)));

        var asked = GhostDecider.CancelRequested(first.Ghost, "ops", T0.AddMinutes(1));
        Assert.True((await Store.CommitAsync(asked)).Ok);
        var stale = GhostDecider.Dismiss(first.Ghost, "ops", "late", T0.AddMinutes(2));   // derived from version 1
        Assert.Equal(CommitStatus.VersionConflict, (await Store.CommitAsync(stale)).Status);
        Assert.Equal(asked.Ghost, await Store.GetGhostAsync(first.Ghost.OrderId));
        Assert.Equal(2, (await Store.ListAuditAsync(new AuditQuery(null, null, null, first.Ghost.OrderId, null, null, 0, 10))).Count);

        var closed = GhostDecider.Gone(asked.Ghost, new VenueQuery.NotFound(), T0.AddMinutes(3))!;
        Assert.True((await Store.CommitAsync(closed)).Ok);
        Assert.Equal(closed.Ghost, await Store.GetGhostAsync(first.Ghost.OrderId));   // every field reads back
        Assert.Null(await Store.GetGhostAsync(new OrderId(Guid.NewGuid())));
    }

    [StoreFact]
    public async Task Ghosts_list_open_closed_or_all_oldest_first()
    {
        var older = GhostDecider.Seen(null, Foreign(), "SIM", T0)!;
        var newer = GhostDecider.Seen(null, Foreign(account: null), "SIM", T0.AddSeconds(5))!;
        await Store.CommitAsync(older);
        await Store.CommitAsync(newer);
        await Store.CommitAsync(GhostDecider.Dismiss(older.Ghost, "ops", "known", T0.AddMinutes(1)));
        Assert.Equal([newer.Ghost.OrderId], (await Store.ListGhostsAsync(open: true)).Select(g => g.OrderId));
        Assert.Equal([older.Ghost.OrderId], (await Store.ListGhostsAsync(open: false)).Select(g => g.OrderId));
        Assert.Equal([older.Ghost.OrderId, newer.Ghost.OrderId], (await Store.ListGhostsAsync()).Select(g => g.OrderId));
        Assert.Equal(("bob", (string?)null), ((await Store.ListGhostsAsync())[0].Account, (await Store.ListGhostsAsync())[1].Account));
    }

    [StoreFact]
    public async Task An_order_in_doubt_stays_on_the_reconcilers_list_until_the_venue_settles_it()
    {
        var order = NewOrder();
        await Store.CommitAsync(Created(order));
        var sent = order.Sent(T0);
        await Store.CommitAsync(OrderChange.Of(order, sent));
        var doubted = SendDecider.InDoubt(sent, 4, T0.AddSeconds(7)).Change!;
        await Store.CommitAsync(doubted);
        Assert.Equal(T0.AddSeconds(7), (await Store.GetOrderAsync(order.Id))!.InDoubtSince);
        Assert.Equal([order.Id], await Store.ListOrdersInDoubtAsync());

        var acknowledged = RecoveryDecider.Acknowledge(doubted.Order, T0.AddMinutes(1)).Change!;
        await Store.CommitAsync(acknowledged);
        Assert.Equal(acknowledged.Order, await Store.GetOrderAsync(order.Id));
        Assert.Empty(await Store.ListOpenOrdersAsync());
        Assert.Equal([order.Id], await Store.ListOrdersInDoubtAsync());   // closed, and still asked about

        var settled = ReconcileDecider.Missing(acknowledged.Order, T0.AddMinutes(2)).Decision.Change!;
        await Store.CommitAsync(settled);
        Assert.Empty(await Store.ListOrdersInDoubtAsync());
    }
}
