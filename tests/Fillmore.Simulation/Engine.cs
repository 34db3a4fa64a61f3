// One incarnation of the engine, built from the store like a restarted process: everything it
// holds in memory (ledgers, retry timers, in-flight sets) dies with it; the venue does not.
namespace Fillmore.Simulation;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Routing;
using Fillmore.Core.Streaming;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;
using Fillmore.Venues.MarketData;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Logging.Abstractions;

public sealed class Engine : IDisposable
{
    private Engine(SqliteOrderStore store, ExecutionCoordinator coordinator, OrderService orders, AccountService accounts,
        ControlService controls, KillSwitch kill)
    {
        Store = store;
        Coordinator = coordinator;
        Orders = orders;
        Accounts = accounts;
        Controls = controls;
        Kill = kill;
    }

    public SqliteOrderStore Store { get; }
    public ExecutionCoordinator Coordinator { get; }
    public OrderService Orders { get; }
    public AccountService Accounts { get; }
    public ControlService Controls { get; }
    public KillSwitch Kill { get; }

    /// <param name="publisher">Receives each commit's events (none by default).</param>
    /// <param name="connect">How the engine reaches the venue (the venue itself by default; tests wrap it).</param>
    /// <param name="others">More venues beside <paramref name="venue"/>, with their fee schedules: orders may name
    /// them or SMART, risk sees their consolidated quote (as the service does with Fillmore:Venues:Paper).</param>
    public static async Task<Engine> StartAsync(string dbPath, SimulatedVenue venue, TimeProvider time, IIdGenerator ids,
        IEventPublisher? publisher = null, Func<SimulatedVenue, IVenue>? connect = null,
        IReadOnlyList<(SimulatedVenue Venue, FeeSchedule Fees)>? others = null)
    {
        others ??= [];
        IMarketData market = others.Count == 0 ? venue : new ConsolidatedQuotes([venue, .. others.Select(o => o.Venue)]);
        var store = await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = dbPath }, publisher ?? new NullPublisher(), time);
        var locks = new TraderLocks();
        var ledgers = new LedgerBook(store, TradingCalendar.NewYork, time);
        var leases = new SingleNodeLeases(store);
        var mutator = new OrderMutator(store, locks, ledgers, leases, NullLogger<OrderMutator>.Instance);
        var options = new ExecutionOptions { SendConcurrency = 1 };
        var controls = new TradingControls();
        var pipeline = new PreTradePipeline(market, controls, new RiskOptions(), TradingCalendar.NewYork, time);
        var switches = new ControlService(store, controls, ledgers, time, ExecutionFlag.On,
            [venue.Name, .. others.Select(o => o.Venue.Name)]);
        await switches.LoadAsync();
        var venues = new VenueSet([connect?.Invoke(venue) ?? venue, .. others.Select(o => o.Venue)]);
        var rejects = new VenueRejects(time);
        var board = others.Count == 0 ? null : new VenueBoard(venues,
            name => name == venue.Name ? venue : others.FirstOrDefault(o => o.Venue.Name == name).Venue,
            name => others.FirstOrDefault(o => o.Venue.Name == name).Fees ?? FeeSchedule.None, controls, rejects,
            new RoutingOptions { DefaultVenue = SmartRouter.Smart });
        var coordinator = new ExecutionCoordinator(store, mutator, ledgers, venues, ids, leases, time, options,
            NullLogger<ExecutionCoordinator>.Instance, market: market, pipeline: pipeline, guard: switches, rejects: rejects,
            board: board);
        var orders = new OrderService(store, locks, mutator, ledgers, coordinator, switches, pipeline, market, ids, leases, time, board);
        var accounts = new AccountService(locks, ledgers, mutator);
        await coordinator.RecoverAsync();
        await coordinator.DrainAsync();
        return new Engine(store, coordinator, orders, accounts, switches, new KillSwitch(switches, accounts, orders, time));
    }

    public void Dispose() => Store.Dispose();

    private sealed class NullPublisher : IEventPublisher
    {
        public void Publish(IReadOnlyList<OrderEvent> committed) { }
    }
}
