// The failures FIX exists for, against the real executor: the acceptor killed mid-flight and
// restarted; the connection dropped with an order or its answer on the wire; sequence gaps both
// ways (set through the acceptor's admin page, or a message stored but never written); Fillmore
// dying mid-session and resuming without a reset; the acceptor coming back with an empty store.
// Each ends with the acceptor having taken every order Fillmore stored exactly once (from its own
// log), every order Fillmore never stored not at all, and each fill reported under one identity.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public sealed class RecoveryTests : IDisposable
{
    private readonly FixStores _stores = new();

    [FixFact]
    public async Task The_acceptor_killed_mid_flight_and_restarted_takes_every_stored_order_once()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        var store = await _stores.OpenAsync();
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor", timeout: 2), store);
        var orders = Enumerable.Range(0, 30).Select(i => FixProbe.Limit(quantity: 1 + i)).ToList();

        var submitting = orders.Select(o => venue.SubmitAsync(o).AsTask()).ToList();
        await FixProbe.UntilAsync(() => orders.Count(o => executor.Processed(o.Id.ToString()) > 0) >= 3,
            "a few orders to be taken");
        await executor.KillAsync();
        var outcomes = await Task.WhenAll(submitting);
        await executor.StartAgainAsync();

        var fills = new Fills(venue, outcomes);
        var stored = await StoredAsync(store, orders);
        await FixProbe.UntilAsync(() => stored.All(o => fills.Have(o.Id)), "a fill for every stored order");
        foreach (var o in stored) Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(o.Id.ToString()));
        Assert.All(orders.Except(stored), o => Assert.Equal(0, executor.Processed(o.Id.ToString())));
        fills.AssertOneIdentityEach();
    }

    [FixFact]
    public async Task An_answer_lost_on_the_wire_comes_back_as_a_resend_after_the_connection_drops()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var link = new FaultyLink(executor.Port);
        await using var venue = await FixProbe.LoggedOnAsync(Via(link, executor), await _stores.OpenAsync());
        var order = FixProbe.Limit();

        link.SwallowToClient();
        var outcome = venue.SubmitAsync(order).AsTask();
        await FixProbe.UntilAsync(() => executor.Processed(order.Id.ToString()) == 1, "executor to fill the order");
        link.Cut();

        var fills = new Fills(venue, [await outcome]);
        await FixProbe.UntilAsync(() => fills.Have(order.Id), "the fill, resent after the reconnect");
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(order.Id.ToString()));
        Assert.True(venue.Snapshot().ResendRequestsSent >= 1);
        fills.AssertOneIdentityEach();
    }

    [FixFact]
    public async Task An_order_lost_on_the_wire_is_resent_by_the_session_and_taken_once()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var link = new FaultyLink(executor.Port);
        await using var venue = await FixProbe.LoggedOnAsync(Via(link, executor), await _stores.OpenAsync());
        var order = FixProbe.Limit();
        var before = venue.Snapshot().NextSenderSeqNum;

        link.SwallowToVenue();
        var outcome = venue.SubmitAsync(order).AsTask();
        await FixProbe.UntilAsync(() => venue.Snapshot().NextSenderSeqNum > before
            && venue.Snapshot().LastSentAt is not null,
            "the order to be written");
        link.Cut();

        var fills = new Fills(venue, [await outcome]);
        await FixProbe.UntilAsync(() => fills.Have(order.Id), "the fill of the resent order");
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(order.Id.ToString()));
        Assert.Equal((0, 1), (executor.Received(order.Id.ToString(), possDup: false),
            executor.Received(order.Id.ToString(), possDup: true)));
        fills.AssertOneIdentityEach();
    }

    [FixFact]
    public async Task A_gap_in_the_acceptors_numbers_is_resent_or_gap_filled_and_the_order_still_fills_once()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"),
            await _stores.OpenAsync());
        var (_, outgoing) = await executor.NumbersAsync();
        await executor.SetNextOutgoingAsync(outgoing + 5);   // its next message skips five numbers
        var order = FixProbe.Limit();

        var fills = new Fills(venue, [await venue.SubmitAsync(order)]);

        await FixProbe.UntilAsync(() => fills.Have(order.Id), "the fill after the gap");
        Assert.True(venue.Snapshot().ResendRequestsSent >= 1);
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(order.Id.ToString()));
    }

    [FixFact]
    public async Task The_acceptor_asking_again_for_orders_it_answered_gets_gap_fills_not_duplicates()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"),
            await _stores.OpenAsync());
        var earlier = Enumerable.Range(0, 3).Select(i => FixProbe.Limit(quantity: 1 + i)).ToList();
        foreach (var o in earlier) Assert.IsType<VenueOutcome.Confirmed>(await venue.SubmitAsync(o));
        var (incoming, _) = await executor.NumbersAsync();
        await executor.SetNextIncomingAsync(incoming - 3);   // it "forgets" our last three messages
        var next = FixProbe.Limit(quantity: 9);

        var fills = new Fills(venue, [await venue.SubmitAsync(next)]);

        await FixProbe.UntilAsync(() => fills.Have(next.Id), "the next order's fill");
        Assert.True(venue.Snapshot().GapFillsSent >= 1);
        foreach (var o in earlier.Append(next)) Assert.Equal(1,
            await executor.ProcessedOnceLoggedAsync(o.Id.ToString()));
        Assert.All(earlier, o => Assert.Equal(0, executor.Received(o.Id.ToString(), possDup: true)));
    }

    [FixFact]
    public async Task A_message_stored_but_never_written_reaches_the_acceptor_by_resend_once()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        var store = await _stores.OpenAsync();
        var settings = FixSessionSettings.Parse(executor.ConnectionString("executor"));
        await (await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"), store)).DisposeAsync();
        // As if Fillmore stopped between storing an order and writing it: stored, numbered, never sent.
        var order = FixProbe.Limit();
        var session = await store.OpenFixSessionAsync(settings.SessionId, DateTimeOffset.UtcNow);
        var message = FixOrderMessages.NewOrderSingle(order, settings.SessionId, DateTimeOffset.UtcNow);
        await store.AppendFixOutboundAsync(new FixOutboundRecord(settings.SessionId, session.NextOutbound, "D",
            DateTimeOffset.UtcNow,
            message.Body, order.Id, message.ClOrdId) { NewOrder = message.NewOrder });

        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"), store);

        var fill = await venue.ReportAsync(order.Id, ExecutionKind.Fill);
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(order.Id.ToString()));
        Assert.Equal((order.Spec.Quantity, 1), (fill.LastQuantity, executor.Received(order.Id.ToString(),
            possDup: true)));
    }

    [FixFact]
    public async Task Fillmore_dying_mid_session_resumes_without_a_reset_and_without_a_duplicate()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        var store = await _stores.OpenAsync();
        var first = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"), store);
        var done = FixProbe.Limit();
        var doneFill = Assert.Single(Assert.IsType<VenueOutcome.Confirmed>(await first.SubmitAsync(done)).Executions);
        var inFlight = FixProbe.Limit(quantity: 3);
        var lost = first.SubmitAsync(inFlight).AsTask();
        await first.CrashAsync();
        await Task.WhenAny(lost);

        await using var second = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"), store);

        // The replay window on start asks executor again for its recent messages: the copies keep their identity.
        var replayed = await second.ReportAsync(done.Id, ExecutionKind.Fill);
        Assert.Equal(doneFill.ExecutionId, replayed.ExecutionId);
        var wasStored = await store.FindFixOrderAsync(inFlight.Id) is not null;
        if (wasStored) await second.ReportAsync(inFlight.Id, ExecutionKind.Fill);
        Assert.Equal(1, await executor.ProcessedOnceLoggedAsync(done.Id.ToString()));
        Assert.Equal(wasStored ? 1 : 0, wasStored ? await executor.ProcessedOnceLoggedAsync(inFlight.Id.ToString())
            : executor.Processed(inFlight.Id.ToString()));
        var logons = executor.Log.Where(e => !e.Outgoing && e.MsgType == "A").ToList();
        Assert.Equal(2, logons.Count);
        Assert.True(logons[1].SeqNum > logons[0].SeqNum && logons.All(l => l.Field(141) is null));
        Assert.DoesNotContain(executor.Log, e => e.MsgType == "5" && e.Field(58)?.Contains("too low") == true);
    }

    [FixFact]
    public async Task The_acceptor_back_with_an_empty_store_is_a_new_numbering_and_old_orders_are_never_replayed()
    {
        await using var executor = await QuickFixAcceptor.StartAsync("executor");
        await using var venue = await FixProbe.LoggedOnAsync(executor.ConnectionString("executor"),
            await _stores.OpenAsync());
        var before = Enumerable.Range(0, 3).Select(i => FixProbe.Limit(quantity: 10)).ToList();
        var outcomes = new List<VenueOutcome>();
        foreach (var o in before) outcomes.Add(await venue.SubmitAsync(o));

        await executor.KillAsync();
        await executor.StartAgainAsync(emptyStore: true);
        await FixProbe.UntilAsync(() => venue.Snapshot().VenueResets == 1 && venue.IsLoggedOn,
            "the session to take the new numbering");
        var after = FixProbe.Limit(quantity: 10);
        outcomes.Add(await venue.SubmitAsync(after));

        var fills = new Fills(venue, outcomes);
        foreach (var o in before.Append(after)) Assert.Equal(1,
            await executor.ProcessedOnceLoggedAsync(o.Id.ToString()));
        Assert.All(before, o => Assert.Equal(0, executor.Received(o.Id.ToString(), possDup: true)));
        // executor's ExecID counter started again at 1: the same ExecID, yet a different execution.
        var first = fills.Of(before[0].Id).Single();
        var renewed = fills.Of(after.Id).Single();
        Assert.Equal(first.ExecutionId.Split('/')[0], renewed.ExecutionId.Split('/')[0]);
        Assert.NotEqual(first.ExecutionId, renewed.ExecutionId);
    }

    private static string Via(FaultyLink link, QuickFixAcceptor acceptor) =>
        acceptor.ConnectionString("executor", timeout: 10).Replace($"port={acceptor.Port}", $"port={link.Port}",
            StringComparison.Ordinal);

    private static async Task<List<Order>> StoredAsync(IFixSessionStore store, IEnumerable<Order> orders)
    {
        var stored = new List<Order>();
        foreach (var o in orders)
            if (await store.FindFixOrderAsync(o.Id) is not null) stored.Add(o);
        return stored;
    }

    public void Dispose() => _stores.Dispose();
}
