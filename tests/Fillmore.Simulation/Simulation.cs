// One seeded run: the seed drives the workload (three traders submitting, duplicating and
// cancelling orders in bursts), the venue's faults, stream drops, venue restarts, crashes and
// restarts of the engine, and time (FakeTimeProvider). The Auditor checks the invariants after
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
public sealed class Simulation(int seed, int steps = 60, bool overtaking = false)
{
    public static readonly string[] Traders = ["alice", "bob", "carol"];
    private static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA"];
    public const decimal StartingCash = 1_000_000m;

    private readonly Random _random = new(seed);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
    private readonly List<(string Trader, string ClientOrderId, OrderDraft Draft)> _sent = [];
    public List<OrderId> Acknowledged { get; } = [];

    /// <summary>SHA-256 over every order's id, status, filled quantity and fills at the end: equal runs, equal fingerprints.</summary>
    public string? Fingerprint { get; private set; }

    public async Task<string?> RunAsync()
    {
        var dir = Directory.CreateTempSubdirectory($"fillmore-sim-{seed}-").FullName;
        var db = Path.Combine(dir, "sim.db");
        var ids = new SeededIdGenerator(new Random(seed ^ 0x5EED));
        using var venue = new SimulatedVenue(new SimulatedVenueOptions { Seed = seed, PartialFills = _random.Next(2) == 0, Faults = Answering(SimulatedFaults.None) }, _time);
        var engine = await StartEngineAsync(db, venue, ids);
        try
        {
            foreach (var trader in Traders)
                await engine.Accounts.UpdateAsync(new TraderId(trader), a => a with
                {
                    Cash = StartingCash, Limits = new RiskLimits(100_000, 50_000_000m, 5_000_000m, 1_000, 1_000_000m, false),
                });
            var auditor = new Auditor(new SimulatedVenueRecord(venue), Acknowledged,
                Traders.ToDictionary(t => t, _ => StartingCash));
            for (var step = 0; step < steps; step++)
            {
                engine = await StepAsync(engine, venue, db, ids);
                await engine.Coordinator.DrainAsync();
                if (await auditor.CheckAsync(engine.Store, db, final: false) is { } broken) return $"step {step}: {broken}";
            }
            await SettleAsync(engine, venue);
            var verdict = await auditor.CheckAsync(engine.Store, db, final: true) is { } unsettled ? $"liveness: {unsettled}" : null;
            Fingerprint = await FingerprintAsync(engine);
            return verdict;
        }
        finally
        {
            engine.Dispose();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private readonly Random _overtakingRandom = new(seed ^ 0x0FF7A4E);

    private async Task<Engine> StartEngineAsync(string db, SimulatedVenue venue, SeededIdGenerator ids)
    {
        if (!overtaking) return await Engine.StartAsync(db, venue, _time, ids);
        OvertakingVenue? fast = null;
        var engine = await Engine.StartAsync(db, venue, _time, ids, connect: v => fast = new OvertakingVenue(v, 0.5, _overtakingRandom));
        fast!.Coordinator = engine.Coordinator;
        return engine;
    }

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
        switch (_random.Next(100))
        {
            case < 45: await SubmitBurstAsync(engine); break;
            case < 55: await ResubmitAsync(engine); break;
            case < 65: await CancelSomethingAsync(engine); break;
            case < 80: _time.Advance(TimeSpan.FromMilliseconds(_random.Next(200, 5_000))); break;
            case < 88: venue.SetFaults(Answering(RandomFaults())); break;
            case < 91: venue.DisconnectStream(); break;
            case < 94: venue.Reconnect(); break;
            case < 96: venue.Restart(); break;
            default:
                engine.Dispose();                                   // crash: memory is gone, the store and the venue remain
                engine = await StartEngineAsync(db, venue, ids);
                break;
        }
        return engine;
    }

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
            var draft = RandomOrder(symbol) with { ClientOrderId = $"{trader}-{_sent.Count}" };
            _sent.Add((trader, draft.ClientOrderId!, draft));
            await SubmitAsync(engine, trader, draft);
        }
    }

    private OrderDraft RandomOrder(string symbol)
    {
        var quantity = _random.Next(1, 300);
        var side = _random.Next(4) == 0 ? "SELL" : "BUY";
        if (_random.Next(3) == 0) return new OrderDraft(symbol, side, quantity, "MARKET", null, null, "DAY", null, null, null);
        var reference = symbol switch { "AAPL" => 190m, "MSFT" => 420m, _ => 120m };
        var price = Math.Round(reference * (1 + (decimal)(_random.NextDouble() * 0.08 - 0.04)), 2);
        return new OrderDraft(symbol, side, quantity, "LIMIT", price, null, _random.Next(2) == 0 ? "GTC" : "IOC", null, null, null);
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
        venue.SetFaults(Answering(SimulatedFaults.None));
        venue.Reconnect();
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
