// The FIX session store's contract (IFixSessionStore), on every provider: a session starts at 1/1;
// an appended message advances the outbound number and reads back exactly, in order, in chunks;
// everything survives a reopen; a reset starts at 1/1 and drops the messages but never the record
// that an order was sent; an order's link is written on its first send and follows a replace.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public abstract partial class OrderStoreContract
{
    private const string Session = "FIX.4.4:CLIENT1->EXECUTOR";

    private IFixSessionStore Fix => (IFixSessionStore)Store;

    private static FixOutboundRecord Sent(long seq, Order? order = null, string? body = null) => order is null
        ? new FixOutboundRecord(Session, seq, body is null ? "0" : "D", T0.AddSeconds(seq), body)
        : new FixOutboundRecord(Session, seq, "D", T0.AddSeconds(seq), body ?? $"11={order.Id}\u000155=AAPL\u0001",
            order.Id, order.Id.ToString())
        {
            NewOrder = new FixOrderLink(order.Id, Session, order.Id.ToString(), order.Spec.Symbol, order.Spec.Side,
                order.Spec.Quantity),
        };

    [StoreFact]
    public async Task A_new_FIX_session_starts_at_one_both_ways_and_opening_it_again_keeps_it()
    {
        var created = await Fix.OpenFixSessionAsync(Session, T0);
        await Fix.AppendFixOutboundAsync(Sent(1));
        var again = await Fix.OpenFixSessionAsync(Session, T0.AddDays(1));

        Assert.Equal(new FixSessionRecord(Session, 1, 1, T0), created);
        Assert.Equal(new FixSessionRecord(Session, 2, 1, T0), again);
    }

    [StoreFact]
    public async Task Sent_messages_advance_the_number_and_read_back_exactly_in_order_and_in_chunks()
    {
        await Fix.OpenFixSessionAsync(Session, T0);
        var (a, b) = (NewOrder(), NewOrder(trader: "bob"));
        var body = "11=x|21=1|55=AAPL|54=1|60=20261124-14:30:00.000|38=10|40=2|44=150.25|".Replace('|', '\u0001');
        foreach (var m in new[] { Sent(1), Sent(2, a, body), Sent(3), Sent(4, b) }) await Fix.AppendFixOutboundAsync(m);

        var all = await Fix.ReadFixOutboundAsync(Session, 1, 10, 100);
        var chunk = await Fix.ReadFixOutboundAsync(Session, 3, 10, 1);

        Assert.Equal([2L, 4L], all.Select(m => m.SeqNum));                 // admin messages keep no body
        Assert.Equal((body, "D", a.Id, a.Id.ToString(), T0.AddSeconds(2)),
            (all[0].Body, all[0].MsgType, all[0].OrderId, all[0].ClOrdId, all[0].SendingTime));
        Assert.Equal(4L, Assert.Single(chunk).SeqNum);
        Assert.Equal(5L, (await Fix.OpenFixSessionAsync(Session, T0)).NextOutbound);
    }

    [StoreFact]
    public async Task The_FIX_session_survives_a_reopen()
    {
        await Fix.OpenFixSessionAsync(Session, T0);
        var order = NewOrder();
        await Fix.AppendFixOutboundAsync(Sent(1, order));
        await Fix.SaveFixInboundAsync(Session, 7);
        await CloseAsync(Store);
        Store = await OpenAsync(reopen: true);

        Assert.Equal(new FixSessionRecord(Session, 2, 7, T0), await Fix.OpenFixSessionAsync(Session, T0));
        Assert.Single(await Fix.ReadFixOutboundAsync(Session, 1, 1, 10));
        Assert.NotNull(await Fix.FindFixOrderAsync(order.Id));
    }

    [StoreFact]
    public async Task A_reset_numbers_from_one_again_and_drops_the_messages_but_not_the_sent_orders()
    {
        await Fix.OpenFixSessionAsync(Session, T0);
        var order = NewOrder();
        await Fix.AppendFixOutboundAsync(Sent(1, order));
        await Fix.SaveFixInboundAsync(Session, 9);

        await Fix.ResetFixSessionAsync(Session, T0.AddDays(1));

        Assert.Equal(new FixSessionRecord(Session, 1, 1, T0.AddDays(1)), await Fix.OpenFixSessionAsync(Session, T0));
        Assert.Empty(await Fix.ReadFixOutboundAsync(Session, 1, 100, 100));
        Assert.Equal(order.Id.ToString(), (await Fix.FindFixOrderAsync(order.Id))!.ClOrdId);
    }

    [StoreFact]
    public async Task An_orders_link_is_written_on_its_first_send_and_follows_a_replace()
    {
        await Fix.OpenFixSessionAsync(Session, T0);
        var order = NewOrder(quantity: 25);
        Assert.Null(await Fix.FindFixOrderAsync(order.Id));
        await Fix.AppendFixOutboundAsync(Sent(1, order));
        await Fix.AppendFixOutboundAsync(Sent(2, order) with { NewOrder = Sent(2,
            order).NewOrder! with { Quantity = 99 } });

        Assert.Equal(new FixOrderLink(order.Id, Session, order.Id.ToString(), Symbol.Of("AAPL"), Side.Buy, 25),
            await Fix.FindFixOrderAsync(order.Id));
        await Fix.SaveFixClOrdIdAsync(order.Id, $"{order.Id}.2");
        Assert.Equal($"{order.Id}.2", (await Fix.FindFixOrderAsync(order.Id))!.ClOrdId);
    }
}
