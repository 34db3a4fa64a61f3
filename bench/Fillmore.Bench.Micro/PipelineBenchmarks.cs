// The pre-trade pipeline for one order, in process: shape validation, context (quote lookup),
// and all ten risk rules against a ledger with positions and open orders. Requirement: < 100 ms;
// goal: well under 100 µs at p99. Run: dotnet run -c Release --project bench/Fillmore.Bench.Micro
namespace Fillmore.Bench.Micro;

using BenchmarkDotNet.Attributes;
using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Time.Testing;

[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private readonly PipelineScenario _scenario = new();

    [Benchmark(Description = "shape + 10 risk rules, accepted order")]
    public int Accepted() => _scenario.RunOnce(_scenario.Accepted);

    [Benchmark(Description = "shape + 10 risk rules, refused (insufficient funds)")]
    public int Refused() => _scenario.RunOnce(_scenario.Refused);
}

/// <summary>A realistic trader: 20 positions, 30 open orders, $1M cash, default limits.</summary>
public sealed class PipelineScenario
{
    private readonly PreTradePipeline _pipeline;
    private readonly Ledger _ledger;
    private readonly SimulatedVenue _market;
    private readonly TraderId _trader = new("alice");

    public OrderDraft Accepted { get; } = new("AAPL", "BUY", 10, "LIMIT", 189.50m, null, "DAY", null, null, "bot-1");
    public OrderDraft Refused { get; } = new("AAPL", "BUY", 9_000, "LIMIT", 189.50m, null, "DAY", null, null, "bot-2");

    public PipelineScenario()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        _market = new SimulatedVenue(new SimulatedVenueOptions(), time);
        var symbols = _market.Instruments.Select(i => i.Symbol).ToList();
        var positions = Enumerable.Range(0, 20).Select(i => new Position(Symbol.Of($"X{i}"), 100 + i, 50m)).Append(new Position(symbols[0], 50, 180m));
        var open = Enumerable.Range(0, 30).Select(i => Order.CreatePending(new OrderId(Guid.NewGuid()), _trader, null,
            new OrderSpec(symbols[i % symbols.Count], Side.Buy, 10, OrderType.Limit, 100m, null, TimeInForce.Day, null, null),
            "SIM", ExecutionPath.V2, time.GetUtcNow()) with { ReservePrice = 100m });
        var limits = new RiskLimits(10_000, 1_000_000m, 250_000m, 100, 10_000m, false);
        _ledger = new Ledger(new Account(_trader, 1_000_000m, limits, false, 1), positions, new DateOnly(2026, 11, 24), -120m, open);
        _pipeline = new PreTradePipeline(_market, new TradingControls(), new RiskOptions(), TradingCalendar.NewYork, time);
    }

    /// <returns>The number of refusals (so the work cannot be optimised away).</returns>
    public int RunOnce(OrderDraft draft)
    {
        var shape = OrderShapeRules.Validate(draft, out var spec, s => _market.FindInstrument(s)?.TickSize);
        return shape.Count + _pipeline.Evaluate(_pipeline.ContextFor(_trader, spec!, _ledger)).Count;
    }
}
