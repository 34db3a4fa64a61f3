// One seeded run: the seed drives the workload (three traders submitting, duplicating, amending and
// cancelling orders in bursts: market and limit orders, stops, stop-limits and trailing stops,
// brackets, OTO and OCO, DAY and GTD, slippage limits and maximum waits), the switches (the kill
// switch, a trader's halt, a venue's halt, each resumed later), price shocks that trigger held orders, the venue's faults,
// stream drops, venue restarts and session ends, crashes and restarts of the engine, and time
// (FakeTimeProvider, starting two minutes before the session close, so DAY orders expire). The Auditor checks the invariants after
// every step; a liveness phase then stops the faults, cancels what is open and requires every
// order to settle. Everything runs one step at a time (ExecutionCoordinator.DrainAsync), so the
// same seed replays the same run.
namespace Fillmore.Simulation;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Venues.Simulated;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

/// <param name="overtaking">The venue's answers do not state executions, and its reports overtake half of them
/// (OvertakingVenue), on a random stream of their own so the seed's workload and faults stay the same.</param>
/// <param name="venues">How many paper venues (SIM, SIM2, ...), each with its own quotes, fees, faults, stream drops,
/// restarts and halts; orders name one of them, SMART, or nothing (SMART). Every choice about the extra venues is
/// drawn from a random stream of its own, so one venue replays the runs it always did.</param>
public sealed class Simulation(int seed, int steps = 60, bool overtaking = false, int venues = 1)
{
    public static readonly string[] Traders = ["alice", "bob", "carol"];
    private static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA"];
    public const decimal StartingCash = 1_000_000m;

    private readonly Random _random = new(seed);
    private readonly Random _venueRandom = new(seed ^ 0x7E7E);
    private readonly List<SimulatedVenue> _venues = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 20, 58, 0, TimeSpan.Zero));   // 15:58 in New York
    private readonly List<(string Trader, string ClientOrderId, OrderDraft Draft)> _sent = [];
    public List<OrderId> Acknowledged { get; } = [];

    /// <summary>The venues the run's orders went to (named, or chosen by SMART), once it has run.</summary>
    public IReadOnlySet<string> VenuesUsed { get; private set; } = new HashSet<string>();

    /// <summary>SHA-256 over every order's id, status, filled quantity and fills at the end: equal runs, equal fingerprints.</summary>
    public string? Fingerprint { get; private set; }

    public async Task<string?> RunAsync()
    {
        var dir = Directory.CreateTempSubdirectory($"fillmore-sim-{seed}-").FullName;
        var db = Path.Combine(dir, "sim.db");
        var ids = new SeededIdGenerator(new Random(seed ^ 0x5EED));
        using var venue = new SimulatedVenue(new SimulatedVenueOptions
        {
            Seed = seed, PartialFills = _random.Next(2) == 0, NativeStops = _random.Next(2) == 0, Faults = Answering(SimulatedFaults.None),
            // With several venues each shows a size, so SMART splits what no venue shows.
            DisplayedSize = venues > 1 ? _venueRandom.Next(20, 200) : 0,
        }, _time);
        _venues.Add(venue);
        for (var i = 2; i <= venues; i++)
            _venues.Add(new SimulatedVenue(new SimulatedVenueOptions
            {
                Name = $"SIM{i}", Seed = seed * 31 + i, PartialFills = _venueRandom.Next(2) == 0, NativeStops = _venueRandom.Next(2) == 0,
                PriceOffsetBps = _venueRandom.Next(-20, 21), Faults = Answering(SimulatedFaults.None),
                DisplayedSize = _venueRandom.Next(20, 200),
            }, _time));
        var engine = await StartEngineAsync(db, venue, ids);
        try
        {
            foreach (var trader in Traders)
                await engine.Accounts.UpdateAsync(new TraderId(trader), a => a with
                {
                    Cash = StartingCash, Limits = new RiskLimits(100_000, 50_000_000m, 5_000_000m, 1_000, 1_000_000m, false),
                });
            var auditor = _auditor = new Auditor(VenueSetRecord.Of(_venues), Acknowledged,
                Traders.ToDictionary(t => t, _ => StartingCash), armed: id => engine.Coordinator.Held.IsArmed(id),
                byVenue: _venues.Count == 1 ? null : _venues.ToDictionary(v => v.Name, v => (IVenueRecord)new SimulatedVenueRecord(v)));
            for (var step = 0; step < steps; step++)
            {
                engine = await StepAsync(engine, venue, db, ids);
                await engine.Coordinator.DrainAsync();
                if (await auditor.CheckAsync(engine.Store, db, final: false) is { } broken)
                {
                    await PrintTrailAsync(engine);
                    return $"step {step}: {broken}";
                }
            }
            await SettleAsync(engine, venue);
            var verdict = await auditor.CheckAsync(engine.Store, db, final: true) is { } unsettled ? $"liveness: {unsettled}" : null;
            if (verdict is not null) await PrintTrailAsync(engine);
            Fingerprint = await FingerprintAsync(engine);
            VenuesUsed = (await engine.Store.ListOrdersAsync(new Fillmore.Core.Ports.OrderQuery(null, null, null, 100_000, 0)))
                .Orders.Select(o => o.Venue).ToHashSet();
            return verdict;
        }
        finally
        {
            engine.Dispose();
            foreach (var other in _venues.Skip(1)) other.Dispose();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    // FILLMORE_SIM_TRAIL=<order id>: a failing run prints that order's audit trail (and its family's, by parent).
    private static async Task PrintTrailAsync(Engine engine)
    {
        if (Environment.GetEnvironmentVariable("FILLMORE_SIM_TRAIL") is not { } trail) return;
        var id = new OrderId(Guid.Parse(trail));
        var family = (await engine.Store.ListOrdersAsync(new Fillmore.Core.Ports.OrderQuery(null, null, null, 100_000, 0)))
            .Orders.Where(o => o.Id == id || o.ParentOrderId == id).ToList();
        foreach (var member in family)
        {
            Console.WriteLine($"-- {member.Id} {member.Role} {member.Venue} {member.Spec.Class} {member.Status}");
            foreach (var e in await engine.Store.GetAuditTrailAsync(member.Id))
                Console.WriteLine($"{e.Id} {e.Record.Action} {e.Record.Status} q={e.Record.Quantity} p={e.Record.Price} {e.Record.ErrorCode} {e.Record.Reason}");
        }
    }

    private readonly Random _overtakingRandom = new(seed ^ 0x0FF7A4E);
    private Auditor? _auditor;

    private async Task<Engine> StartEngineAsync(string db, SimulatedVenue venue, SeededIdGenerator ids)
    {
        var others = _venues.Skip(1).Select((v, i) => (v, Fees(i))).ToList();
        if (!overtaking) return await Engine.StartAsync(db, venue, _time, ids, others: others);
        OvertakingVenue? fast = null;
        var engine = await Engine.StartAsync(db, venue, _time, ids, connect: v => fast = new OvertakingVenue(v, 0.5, _overtakingRandom),
            others: others);
        fast!.Coordinator = engine.Coordinator;
        return engine;
    }

    // The extra venues' fee schedules: one charges takers per share, one per notional and per order, one pays rebates.
    private static Core.Routing.FeeSchedule Fees(int index) => (index % 3) switch
    {
        0 => new() { TakerPerShare = 0.003m, MakerRebatePerShare = 0.002m },
        1 => new() { TakerBps = 0.5m, PerOrder = 0.10m },
        _ => new() { MakerRebatePerShare = 0.003m, TakerPerShare = 0.001m },
    };

    // One of the venues, for a fault, a drop or a restart (always the one venue when there is one).
    private SimulatedVenue AnyVenue(SimulatedVenue venue) => _venues.Count == 1 ? venue : _venues[_venueRandom.Next(_venues.Count)];

    // With overtaking, every fault plan keeps the venue's answers terse (SimulatedFaults.TerseAnswers).
    private SimulatedFaults Answering(SimulatedFaults faults) => faults with { TerseAnswers = overtaking };

    private static async Task<string> FingerprintAsync(Engine engine)
    {
        var text = new System.Text.StringBuilder();
        foreach (var o in (await engine.Store.ListOrdersAsync(new Fillmore.Core.Ports.OrderQuery(null, null, null, 100_000, 0))).Orders)
        {
            text.Append(o.Id).Append(o.Status).Append(o.FilledQuantity).Append(o.AverageFillPrice).Append(';');
            foreach (var f in await engine.Store.GetFillsAsync(o.Id)) text.Append(f.ExecutionId).Append(f.Quantity).Append(f.Price).Append(',');
        }
        foreach (var trader in Traders) text.Append((await engine.Store.GetEventsAsync(new TraderId(trader), 0, 1_000_000)).Count).Append('|');
        if (Environment.GetEnvironmentVariable("FILLMORE_SIM_DUMP") == "1") Console.WriteLine(text.ToString().Replace(";", ";\n"));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    private async Task<Engine> StepAsync(Engine engine, SimulatedVenue venue, string db, SeededIdGenerator ids)
    {
        switch (_random.Next(104))
        {
            case >= 100: await SwitchAsync(engine, venue); break;
            case < 42: await SubmitBurstAsync(engine); break;
            case < 50: await ResubmitAsync(engine); break;
            case < 58: await CancelSomethingAsync(engine); break;
            case < 62: await AmendSomethingAsync(engine); break;
            case < 66: ShockPrice(venue); break;
            case < 80: _time.Advance(TimeSpan.FromMilliseconds(_random.Next(200, 5_000))); break;
            case < 88: AnyVenue(venue).SetFaults(Answering(RandomFaults())); break;
            case < 91: AnyVenue(venue).DisconnectStream(); break;
            case < 94: AnyVenue(venue).Reconnect(); break;
            case < 95: AnyVenue(venue).Restart(); break;
            case < 96: AnyVenue(venue).ExpireDayOrders(); break;   // the venue's own session end (before or after ours)
            default:
                engine.Dispose();                                   // crash: memory is gone, the store and the venue remain
                engine = await StartEngineAsync(db, venue, ids);
                break;
        }
        return engine;
    }

    // An administrator pulls or releases a switch. At most one halt is in force at a time, so the Auditor knows its
    // scope: everyone (a kill switch that cancels, or only blocks), one trader, or the venue.
    private async Task SwitchAsync(Engine engine, SimulatedVenue venue)
    {
        if (_halted is { } resume)
        {
            await resume(engine);
            _halted = null;
            _auditor!.Resumed();
            return;
        }
        const string admin = "administrator sim";
        switch (_random.Next(3))
        {
            case 0:
                await engine.Kill.HaltEveryoneAsync("simulated outage", cancelOpenOrders: _random.Next(2) == 0, admin);
                _auditor!.Halted("the kill switch", (_, _) => true);
                _halted = e => e.Kill.ResumeEveryoneAsync(admin);
                break;
            case 1:
                var trader = new TraderId(Traders[_random.Next(Traders.Length)]);
                await engine.Kill.SetTraderHaltAsync(trader, "simulated breach", cancelOpenOrders: _random.Next(2) == 0,
                    admin);
                _auditor!.Halted($"{trader}'s halt", (db, id) => Auditor.TraderOf(db, id) == trader.Value);
                _halted = e => e.Kill.SetTraderHaltAsync(trader, null, false, admin);
                break;
            default:
                var halted = AnyVenue(venue).Name;
                await engine.Controls.SetVenueHaltAsync(halted, "simulated venue trouble", Core.Audit.Actor.Admin,
                    admin);
                _auditor!.Halted($"{halted}'s halt", _venues.Count == 1 ? (_, _) => true : (db, id) => Auditor.VenueOf(db, id) == halted);
                _halted = e => e.Controls.SetVenueHaltAsync(halted, null, Core.Audit.Actor.Admin, admin);
                break;
        }
    }

    private Func<Engine, Task>? _halted;

    private SimulatedFaults RandomFaults() => _random.Next(4) == 0 ? SimulatedFaults.None : new SimulatedFaults
    {
        Seed = _random.Next(),
        DropRequest = _random.NextDouble() * 0.3,
        DropResponse = _random.NextDouble() * 0.3,
        Throttle = _random.NextDouble() * 0.2,
        ServerError = _random.NextDouble() * 0.2,
        QueryFailure = _random.NextDouble() * 0.3,
        DuplicateReport = _random.NextDouble() * 0.3,
        ReorderReport = _random.NextDouble() * 0.3,
        DropReport = _random.NextDouble() * 0.2,
        FillOnCancel = _random.NextDouble() * 0.5,
    };

    private async Task SubmitBurstAsync(Engine engine)
    {
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            var trader = Traders[_random.Next(Traders.Length)];
            var symbol = Symbols[_random.Next(Symbols.Length)];
            var draft = RandomOrder(symbol) with { ClientOrderId = $"{trader}-{_sent.Count}", Venue = RandomVenue() };
            _sent.Add((trader, draft.ClientOrderId!, draft));
            await SubmitAsync(engine, trader, draft);
        }
    }

    // With several venues: a named venue (any case), SMART, or nothing (SMART, the default).
    private string? RandomVenue() => _venues.Count == 1 ? null : _venueRandom.Next(4) switch
    {
        0 => null,
        1 => _venues[_venueRandom.Next(_venues.Count)].Name.ToLowerInvariant(),
        _ => "SMART",
    };

    private OrderDraft RandomOrder(string symbol)
    {
        var quantity = _random.Next(1, 300);
        var side = _random.Next(4) == 0 ? "SELL" : "BUY";
        var reference = Reference(symbol);
        decimal Near(double band) => Math.Round(reference * (1 + (decimal)((_random.NextDouble() * 2 - 1) * band)), 2);
        var tif = _random.Next(4) switch { 0 => "DAY", 1 => "GTD", _ => "GTC" };
        var expireAt = tif == "GTD" ? _time.GetUtcNow().AddSeconds(_random.Next(2, 120)).ToString("O") : null;
        OrderDraft Draft(string type, decimal? price, decimal? stop, string timeInForce) =>
            new(symbol, side, quantity, type, price, stop, timeInForce, null, null, null) { ExpireAt = timeInForce == "GTD" ? expireAt : null };
        return WithControls(RandomShape(symbol, side, quantity, reference, tif, expireAt, Draft, Near));
    }

    // Some orders carry a slippage limit (where it applies) or a maximum wait.
    private OrderDraft WithControls(OrderDraft draft)
    {
        if (draft.OrderClass != "OCO" && draft.OrderType is "MARKET" or "STOP" or "TRAILING_STOP" && _random.Next(4) == 0)
            draft = draft with { MaxSlippageBps = _random.Next(5, 200) };
        return draft.OrderClass != "OCO" && _random.Next(6) == 0 ? draft with { MaxWaitSeconds = _random.Next(1, 90) } : draft;
    }

    private OrderDraft RandomShape(string symbol, string side, int quantity, decimal reference, string tif, string? expireAt,
        Func<string, decimal?, decimal?, string, OrderDraft> Draft, Func<double, decimal> Near)
    {
        switch (_random.Next(10))
        {
            case < 3: return Draft("MARKET", null, null, "DAY");
            case < 5: return Draft("LIMIT", Near(0.04), null, _random.Next(3) == 0 ? "IOC" : tif);
            case 5:   // a stop (or stop-limit) away from the market, on the side it triggers from
                var stop = Math.Round(reference * (side == "BUY" ? 1.02m : 0.98m), 2);
                return _random.Next(2) == 0 ? Draft("STOP", null, stop, tif)
                    : Draft("STOP_LIMIT", Math.Round(stop * (side == "BUY" ? 1.005m : 0.995m), 2), stop, tif);
            case 6:
                return Draft("TRAILING_STOP", null, null, tif) with
                {
                    TrailPrice = _random.Next(2) == 0 ? Math.Round(reference * 0.01m, 2) : null,
                    TrailPercent = null,
                } is var t && t.TrailPrice is null ? t with { TrailPercent = 1.5m } : t;
            case < 9: return Bracket(symbol, side, quantity, reference, tif, expireAt);
            default:  // an OCO closing a position (refused when there is none to close)
                return new OrderDraft(symbol, "SELL", quantity, null, null, null, tif == "GTD" ? "GTD" : "GTC", Math.Round(reference * 0.97m, 2),
                    Math.Round(reference * 1.03m, 2), null) { OrderClass = "OCO", ExpireAt = tif == "GTD" ? expireAt : null };
        }
    }

    // A buy bracket (or an OTO with one exit): entry near the market, exits 3 % either side.
    private OrderDraft Bracket(string symbol, string side, int quantity, decimal reference, string tif, string? expireAt)
    {
        var buy = side == "BUY";
        var entry = Math.Round(reference * (1 + (decimal)(_random.NextDouble() * 0.02 - 0.01)), 2);
        var (loss, profit) = (Math.Round(entry * (buy ? 0.97m : 1.03m), 2), Math.Round(entry * (buy ? 1.03m : 0.97m), 2));
        var oto = _random.Next(3) == 0;
        var draft = new OrderDraft(symbol, side, quantity, _random.Next(3) == 0 ? "MARKET" : "LIMIT", null, null, tif,
            oto && _random.Next(2) == 0 ? null : loss, oto && loss is not 0 && _random.Next(2) == 0 ? null : profit, null) { ExpireAt = expireAt };
        draft = draft with { Price = draft.OrderType == "LIMIT" ? entry : null };
        if (draft.StopLoss is null && draft.TakeProfit is null) draft = draft with { StopLoss = loss };
        return _random.Next(4) == 0 && draft.StopLoss is not null
            ? draft with { StopLossLimitPrice = Math.Round(loss * (buy ? 0.995m : 1.005m), 2) } : draft;
    }

    private static decimal Reference(string symbol) => symbol switch { "AAPL" => 190m, "MSFT" => 420m, _ => 120m };

    // A sudden move of a few percent: enough to trigger stops, trailing stops and bracket exits.
    private void ShockPrice(SimulatedVenue venue)
    {
        var symbol = Symbol.Of(Symbols[_random.Next(Symbols.Length)]);
        var move = (decimal)(_random.NextDouble() * 0.08 - 0.04);
        venue.SetPrice(symbol, Math.Round(Reference(symbol.Value) * (1 + move), 2));
        // The other venues move with it, each a few basis points apart (so SMART's choice changes).
        foreach (var other in _venues.Skip(1))
            other.SetPrice(symbol, Math.Round(Reference(symbol.Value) * (1 + move + _venueRandom.Next(-10, 11) / 10_000m), 2));
    }

    // The trader changes a working or held order: its quantity, or its price where it has one.
    private async Task AmendSomethingAsync(Engine engine)
    {
        var open = (await engine.Store.ListOpenOrdersAsync()).Where(o => o.Status is OrderStatus.Held or OrderStatus.Pending or OrderStatus.Partial).ToList();
        if (open.Count == 0) return;
        var order = open[_random.Next(open.Count)];
        var t = order.Terms;
        var draft = _random.Next(2) == 0 && !order.IsExit
            ? new AmendDraft(order.FilledQuantity + _random.Next(1, 200), null, null, null, null)
            : t.NeedsLimitPrice ? new AmendDraft(null, Math.Round(t.LimitPrice!.Value * (1 + (decimal)(_random.NextDouble() * 0.01 - 0.005)), 2), null, null, null)
            : t.NeedsStopPrice ? new AmendDraft(null, null, Math.Round(t.StopPrice!.Value * (1 + (decimal)(_random.NextDouble() * 0.01 - 0.005)), 2), null, null)
            : t.Type == OrderType.TrailingStop ? new AmendDraft(null, null, null, null, 2m)
            : new AmendDraft(order.FilledQuantity + 1, null, null, null, null);
        await engine.Orders.AmendAsync(order.TraderId, order.Id, draft);
    }

    private async Task SubmitAsync(Engine engine, string trader, OrderDraft draft)
    {
        var result = await engine.Orders.SubmitAsync(new TraderId(trader), draft);
        if (result is SubmitResult.Created created) Acknowledged.Add(created.Order.Id);
        if (result is SubmitResult.Denied denied) Acknowledged.Add(denied.Order.Id);
    }

    // A bot that did not hear back sends the same order again with the same client order id.
    private async Task ResubmitAsync(Engine engine)
    {
        if (_sent.Count == 0) return;
        var (trader, _, draft) = _sent[_random.Next(_sent.Count)];
        var result = await engine.Orders.SubmitAsync(new TraderId(trader), draft);
        if (result is not (SubmitResult.Replayed or SubmitResult.Denied or SubmitResult.Created))
            throw new InvalidOperationException($"A resubmission with the same client order id answered {result.GetType().Name}.");
        if (result is SubmitResult.Created) throw new InvalidOperationException("A resubmission created a second order.");
    }

    private async Task CancelSomethingAsync(Engine engine)
    {
        var open = await engine.Store.ListOpenOrdersAsync();
        if (open.Count == 0) return;
        var order = open[_random.Next(open.Count)];
        await engine.Orders.CancelAsync(order.TraderId, order.Id);
    }

    // Faults stop; every open order is cancelled; time passes until retries, reconciliation and
    // cancels have settled everything (bounded).
    private async Task SettleAsync(Engine engine, SimulatedVenue venue)
    {
        foreach (var each in _venues)
        {
            each.SetFaults(Answering(SimulatedFaults.None));
            each.Reconnect();
        }
        if (_halted is { } resume) await resume(engine);
        _auditor!.Resumed();
        for (var round = 0; round < 20; round++)
        {
            foreach (var order in await engine.Store.ListOpenOrdersAsync())
                if (order.Status != OrderStatus.PendingCancel) await engine.Orders.CancelAsync(order.TraderId, order.Id);
            _time.Advance(TimeSpan.FromSeconds(5));
            await engine.Coordinator.DrainAsync();
            await engine.Coordinator.ReconcileAllAsync();
            await engine.Coordinator.DrainAsync();
            if ((await engine.Store.ListOpenOrdersAsync()).Count == 0) return;
        }
    }
}
