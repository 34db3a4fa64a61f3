// The .NET client library against the real service on a loopback Kestrel server: typed requests and
// answers for the routes bots use, typed problems, a submit whose answer is lost (retried with its
// client order id: one order), a rate-limited submit that waits out Retry-After on the service's
// own clock, calls that must not be repeated sent once, and the event stream dropped mid-way by a
// TCP relay (resumed by seq with no gap and no duplicate), over the WebSocket and over long-polling.
namespace Fillmore.Api.Tests.Client;

using System.Collections.Concurrent;
using System.Net;
using Fillmore.Client;
using Fillmore.Venues.Tests.Fix;

public sealed class FillmoreClientTests : IDisposable
{
    private readonly FillmoreFactory _factory = new(kestrel: true);

    private FillmoreClient For(string key, Uri? via = null, TimeProvider? time = null) => new(new FillmoreClientOptions
    {
        BaseAddress = via ?? _factory.ServerAddress, ApiKey = key, RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        TimeProvider = time ?? TimeProvider.System, MaxRetryAfter = TimeSpan.FromMinutes(2),
    });

    private static OrderRequest Resting(long quantity = 5) => OrderRequest.Limit("AAPL", Side.Buy, quantity, 175m)
        with { TimeInForce = TimeInForce.Gtc };

    [Fact]
    public async Task A_bracket_and_the_other_order_kinds_go_in_typed_and_come_back_typed()
    {
        using var alice = For(FillmoreFactory.Alice);
        var bracket = await alice.SubmitOrderAsync(OrderRequest.Bracket("AAPL", Side.Buy, 10, 175m, 170m, 200m));
        Assert.False(bracket.Replayed);
        Assert.StartsWith("fm-", bracket.Order.ClientOrderId);
        var read = await alice.GetOrderAsync(bracket.Order.Id);
        Assert.Equal((OrderClass.Bracket, LegRole.Entry, TimeInForce.Gtc), (read.OrderClass, read.LegRole, read.TimeInForce));
        Assert.Equal([LegRole.TakeProfit, LegRole.StopLoss], read.Legs!.Select(l => l.LegRole).Order());
        Assert.All(read.Legs!, l => Assert.Equal((OrderStatus.Held, bracket.Order.Id), (l.Status, l.ParentOrderId)));
        Assert.NotNull(read.Fills);

        var expiry = _factory.Time.GetUtcNow().AddDays(2);
        var gtd = await alice.SubmitOrderAsync(Resting() with { TimeInForce = TimeInForce.Gtd, ExpireAt = expiry, MaxWaitSeconds = 600 });
        Assert.Equal((expiry, 600), (gtd.Order.ExpireAt!.Value, gtd.Order.MaxWaitSeconds!.Value));
        var trailing = await alice.SubmitOrderAsync(OrderRequest.TrailingStop("AAPL", Side.Buy, 3, 2.00m));
        Assert.Equal((OrderType.TrailingStop, OrderStatus.Held, 2.00m), (trailing.Order.OrderType, trailing.Order.Status, trailing.Order.TrailPrice!.Value));
        var collared = await alice.SubmitOrderAsync(OrderRequest.Market("AAPL", Side.Buy, 1) with { MaxSlippageBps = 25 });
        Assert.Equal(25m, collared.Order.MaxSlippageBps);

        var page = await alice.ListOrdersAsync(new OrderQuery { Symbol = "AAPL", Limit = 2 });
        Assert.Equal((2, true), (page.Data.Count, page.HasMore));
        Assert.Equal(page.Total, await alice.ListAllOrdersAsync(new OrderQuery { Symbol = "AAPL", Limit = 2 }).CountAsync());
        Assert.Contains((await alice.GetOrderAuditAsync(bracket.Order.Id)), e => e.Action == "SUBMITTED");
    }

    [Fact]
    public async Task Venues_and_a_routing_rationale_come_back_typed()
    {
        using var alice = For(FillmoreFactory.Alice);
        var venues = await alice.ListVenuesAsync();
        Assert.Equal(("SIM", "SIM"), (venues.DefaultVenue, venues.Data.Single().Name));
        Assert.Contains("MARKET", venues.Data[0].OrderTypes);
        var named = await alice.SubmitOrderAsync(OrderRequest.Market("AAPL", Side.Buy, 1) with { Venue = "SIM" });
        Assert.False((await alice.GetRoutingAsync(named.Order.Id)).Smart);
        var smart = await alice.SubmitOrderAsync(OrderRequest.Market("AAPL", Side.Buy, 1) with { Venue = "SMART" });
        var routing = await alice.GetRoutingAsync(smart.Order.Id);
        Assert.Equal((true, "SIM", "TAKER"), (routing.Smart, routing.Venue, routing.Considered.Single().Liquidity));
        Assert.NotNull(routing.Considered[0].EffectivePrice);
        var unknown = await Assert.ThrowsAsync<FillmoreApiException>(() =>
            alice.SubmitOrderAsync(OrderRequest.Market("AAPL", Side.Buy, 1) with { Venue = "NOPE" }));
        Assert.Equal("UNKNOWN_VENUE", unknown.Code);
    }

    [Fact]
    public async Task A_refusal_is_a_typed_problem_with_its_code_errors_suggestion_and_order()
    {
        using var alice = For(FillmoreFactory.Alice);
        var invalid = await Assert.ThrowsAsync<FillmoreApiException>(() =>
            alice.SubmitOrderAsync(new OrderRequest { Symbol = "AAPL", Side = Side.Buy, Quantity = 0, OrderType = OrderType.Limit }));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (invalid.StatusCode, invalid.Code));
        Assert.True(invalid.Has("QUANTITY_NOT_POSITIVE") && invalid.Has("PRICE_REQUIRED"), invalid.Message);
        Assert.Contains(invalid.Errors, e => e.Field == "quantity" && e.Suggestion.Length > 0);

        var halted = await Assert.ThrowsAsync<FillmoreApiException>(() =>
            alice.SubmitOrderAsync(OrderRequest.Market("HALT", Side.Buy, 1) with { ClientOrderId = "halted-1" }));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "SYMBOL_HALTED"), (halted.StatusCode, halted.Code));
        Assert.NotNull(halted.Suggestion);
        Assert.Equal(OrderStatus.Denied, (await alice.GetOrderAsync(halted.Problem.OrderId!.Value)).Status);
        // The same id and fields again is the stored (denied) order, not a new refusal; other fields are a conflict.
        var replay = await alice.SubmitOrderAsync(OrderRequest.Market("HALT", Side.Buy, 1) with { ClientOrderId = "halted-1" });
        Assert.Equal((true, OrderStatus.Denied, halted.Problem.OrderId), (replay.Replayed, replay.Order.Status, replay.Order.Id));
        var reused = await Assert.ThrowsAsync<FillmoreApiException>(() =>
            alice.SubmitOrderAsync(OrderRequest.Market("HALT", Side.Buy, 2) with { ClientOrderId = "halted-1" }));
        Assert.Equal(("CLIENT_ORDER_ID_REUSED", halted.Problem.OrderId), (reused.Code, reused.Problem.OrderId));

        using var nobody = For("not-a-key");
        Assert.Equal("UNAUTHENTICATED", (await Assert.ThrowsAsync<FillmoreApiException>(() => nobody.GetAccountAsync())).Code);
    }

    [Fact]
    public async Task A_submit_whose_answer_is_lost_is_retried_with_its_client_order_id_and_makes_one_order()
    {
        await using var link = new FaultyLink(_factory.ServerAddress.Port);
        using var viaLink = For(FillmoreFactory.Alice, new Uri($"http://127.0.0.1:{link.Port}"));
        using var direct = For(FillmoreFactory.Alice);
        link.SwallowToClient();   // the service gets the request; its answer never comes back
        var submit = viaLink.SubmitOrderAsync(Resting());
        await Wait.UntilAsync(async () => (await direct.ListOrdersAsync()).Total == 1, "the service stored the order");
        link.Cut();               // the attempt fails; the next one goes through
        var result = await submit;

        Assert.True(result.Replayed, "the retry must be answered with the order the first attempt created");
        var orders = await direct.ListOrdersAsync();
        Assert.Equal(1, orders.Total);
        Assert.Equal((orders.Data[0].Id, orders.Data[0].ClientOrderId), (result.Order.Id, result.Order.ClientOrderId));
    }

    [Fact]
    public async Task A_call_that_is_not_safe_to_repeat_is_sent_once_and_its_failure_handed_back()
    {
        using var direct = For(FillmoreFactory.Alice);
        var order = (await direct.SubmitOrderAsync(Resting())).Order;
        await Wait.UntilAsync(async () => (await direct.GetOrderAsync(order.Id)).Status == OrderStatus.Pending, "the order rests");
        await using var link = new FaultyLink(_factory.ServerAddress.Port);
        using var viaLink = For(FillmoreFactory.Alice, new Uri($"http://127.0.0.1:{link.Port}"));
        link.SwallowToClient();
        var amend = viaLink.AmendOrderAsync(order.Id, new AmendRequest { Quantity = 8 });
        await Wait.UntilAsync(async () => (await direct.GetOrderAuditAsync(order.Id)).Any(e => e.Action == "AMEND_REQUESTED"),
            "the service took the amend");
        link.Cut();

        var lost = await Assert.ThrowsAsync<FillmoreConnectionException>(() => amend);
        Assert.Equal(1, lost.Attempts);
        Assert.Single(await direct.GetOrderAuditAsync(order.Id), e => e.Action == "AMEND_REQUESTED");
    }

    [Fact]
    public async Task A_rate_limited_submit_waits_out_a_short_Retry_After_and_hands_back_a_long_one()
    {
        using var factory = new FillmoreFactory(kestrel: true);
        // The service's token bucket runs on real time (it has no TimeProvider): 60 a minute refills one a second.
        factory.Settings["Fillmore:RateLimit:OrdersPerMinute"] = "60";
        using var patient = new FillmoreClient(new FillmoreClientOptions
        {
            BaseAddress = factory.ServerAddress, ApiKey = FillmoreFactory.Alice, MaxRetryAfter = TimeSpan.FromSeconds(5),
        });
        using var hasty = new FillmoreClient(new FillmoreClientOptions
        {
            BaseAddress = factory.ServerAddress, ApiKey = FillmoreFactory.Alice, MaxRetryAfter = TimeSpan.Zero,
        });
        // Past the bucket: the client hands the 429 back at once rather than wait longer than it may.
        FillmoreApiException? limited = null;
        while (limited is null)
        {
            try { await hasty.SubmitOrderAsync(Resting(1)); }
            catch (FillmoreApiException ex) { limited = ex; }
        }
        Assert.Equal(("RATE_LIMITED", true), (limited.Code, limited.RetryAfter > TimeSpan.Zero));
        var before = (await patient.ListOrdersAsync()).Total;
        var result = await patient.SubmitOrderAsync(Resting(7));
        Assert.False(result.Replayed);
        Assert.Equal(before + 1, (await patient.ListOrdersAsync()).Total);
    }

    [Theory]
    [InlineData(EventTransport.WebSocket)]
    [InlineData(EventTransport.LongPoll)]
    public async Task The_stream_dropped_mid_way_resumes_by_seq_with_no_gap_and_no_duplicate(EventTransport transport)
    {
        await using var link = new FaultyLink(_factory.ServerAddress.Port);
        using var viaLink = For(FillmoreFactory.Alice, new Uri($"http://127.0.0.1:{link.Port}"));
        using var direct = For(FillmoreFactory.Alice);
        var notices = new ConcurrentQueue<StreamNotice>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new EventStreamOptions { Since = 0, Transport = transport, PollWait = TimeSpan.FromSeconds(2), Notices = notices.Enqueue };
        await using var stream = viaLink.StreamEventsAsync(options, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var received = new List<OrderEvent>();
        async Task ReadUntilAsync(Func<bool> done)
        {
            while (!done())
            {
                Assert.True(await stream.MoveNextAsync());
                received.Add(stream.Current);
            }
        }

        var first = new List<Guid>();
        for (var i = 0; i < 3; i++) first.Add((await direct.SubmitOrderAsync(Resting(1 + i))).Order.Id);
        await ReadUntilAsync(() => first.All(id => received.Any(e => e.OrderId == id && e.Event == EventTypes.Submitted)));

        link.Cut();   // mid-way: what the service sends from now on meets a dead connection first
        var later = new List<Guid>();
        for (var i = 0; i < 3; i++) later.Add((await direct.SubmitOrderAsync(Resting(4 + i))).Order.Id);
        await direct.CancelOrderAsync(first[0]);
        await Wait.UntilAsync(async () => (await direct.GetOrderAsync(first[0])).Status == OrderStatus.Cancelled
            && (await direct.ListOrdersAsync(new OrderQuery { Status = OrderStatus.Pending })).Total == 5, "everything settled");
        var truth = await direct.PollEventsAsync(after: 0, limit: 1000);
        await ReadUntilAsync(() => received[^1].Seq >= truth.LastSeq);

        Assert.Equal(truth.Data.Select(e => (e.Seq, e.Event, e.OrderId)), received.Select(e => (e.Seq, e.Event, e.OrderId)));
        Assert.Equal(Enumerable.Range(1, (int)truth.LastSeq).Select(n => (long)n), received.Select(e => e.Seq));
        // A long-poll between two requests has no connection to lose (HttpClient opens a new one unseen).
        if (transport == EventTransport.WebSocket) Assert.Contains(notices, n => n.Kind == StreamNoticeKind.Disconnected);
    }

    [Fact]
    public async Task Account_instruments_amend_cancel_audit_reports_and_the_admin_routes_work_typed()
    {
        using var alice = For(FillmoreFactory.Alice);
        using var compliance = For(FillmoreFactory.Compliance);
        using var admin = For(FillmoreFactory.Admin);
        Assert.Equal("alice", (await alice.GetAccountAsync()).TraderId);
        Assert.Contains(await alice.GetInstrumentsAsync(), i => i.Symbol == "AAPL" && i.Ask > 0);

        var order = (await alice.SubmitOrderAsync(Resting())).Order;
        await Wait.UntilAsync(async () => (await alice.GetOrderAsync(order.Id)).Status == OrderStatus.Pending, "the order rests");
        var amended = await alice.AmendOrderAsync(order.Id, new AmendRequest { Quantity = 8, Price = 176m });
        Assert.True(amended.SentToVenue);
        await Wait.UntilAsync(async () => (await alice.GetOrderAsync(order.Id)).Working!.Quantity == 8, "the replace is confirmed");
        Assert.Equal(OrderStatus.PendingCancel, (await alice.CancelOrderAsync(order.Id)).Status);
        await alice.SubmitOrderAsync(Resting(2));
        var all = await alice.CancelAllOrdersAsync("AAPL");
        Assert.NotEmpty(all.Data);

        Assert.True((await compliance.VerifyAuditAsync()).Valid);
        var entries = await compliance.ReadAuditAsync(new AuditQuery { TraderId = "alice", Limit = 3 }).ToListAsync();
        Assert.True(entries.Count > 3 && entries.Select(e => e.Id).SequenceEqual(entries.Select(e => e.Id).Order()));
        var day = DateOnly.FromDateTime(_factory.Time.GetUtcNow().UtcDateTime);
        using var csv = new MemoryStream();
        var progress = new List<TransferProgress>();
        var report = await alice.DownloadExecutionReportAsync(new ReportRequest(day, day.AddDays(1)), csv,
            new Progress<TransferProgress>(progress.Add));
        Assert.Equal(($"executions-alice-{day:yyyyMMdd}-{day.AddDays(1):yyyyMMdd}.csv", csv.Length), (report.FileName, report.Bytes));
        Assert.True((await compliance.GetMetricsSummaryAsync()).OrdersSubmitted >= 2);

        var halt = await admin.Admin.SetTradingHaltAsync(true, "client test", cancelOpenOrders: false);
        Assert.True(halt.Halted);
        Assert.Equal("TRADING_HALTED", (await Assert.ThrowsAsync<FillmoreApiException>(() => alice.SubmitOrderAsync(Resting()))).Code);
        Assert.False((await admin.Admin.SetTradingHaltAsync(false)).Halted);
        Assert.Contains(await admin.Admin.GetVenuesAsync(), v => v.Name == "SIM" && !v.Halted);
        Assert.Equal("off", (await admin.Admin.SetExecutionFlagAsync("off")).Value);
        Assert.Equal(0, (await admin.Admin.GetExecutionFlagAsync()).PercentOfTraders);
        Assert.Equal(181.00m, (await admin.Admin.SetPriceAsync("AAPL", 181.00m)).Last);
        var funded = await admin.Admin.UpdateAccountAsync("alice", new AccountUpdate { Cash = 250_000m });
        Assert.Equal(250_000m, funded.Cash);
        Assert.Equal("FORBIDDEN", (await Assert.ThrowsAsync<FillmoreApiException>(() => alice.Admin.GetVenuesAsync())).Code);
    }

    [Fact]
    public async Task A_refused_stream_is_a_typed_problem_not_a_retry_loop()
    {
        using var compliance = For(FillmoreFactory.Compliance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var stream = compliance.StreamEventsAsync(new EventStreamOptions { Since = 0 }, timeout.Token)
            .GetAsyncEnumerator();
        var refused = await Assert.ThrowsAsync<FillmoreApiException>(() => stream.MoveNextAsync().AsTask());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(refused.Has("TRADER_ID_REQUIRED"), refused.Message);
    }

    [Fact]
    public async Task Reading_the_stream_ends_when_its_token_is_cancelled()
    {
        using var alice = For(FillmoreFactory.Alice);
        using var stop = new CancellationTokenSource();
        await using var stream = alice.StreamEventsAsync(new EventStreamOptions { Since = 0 }, stop.Token).GetAsyncEnumerator();
        var next = stream.MoveNextAsync().AsTask();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    public void Dispose() => _factory.Dispose();
}
