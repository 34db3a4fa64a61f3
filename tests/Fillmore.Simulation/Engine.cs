// One incarnation of the engine, built from the store like a restarted process: everything it
// holds in memory (ledgers, retry timers, in-flight sets) dies with it; the venue does not.
namespace Fillmore.Simulation;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Core.Streaming;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;
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
    public static async Task<Engine> StartAsync(string dbPath, SimulatedVenue venue, TimeProvider time, IIdGenerator ids,
        IEventPublisher? publisher = null, Func<SimulatedVenue, IVenue>? connect = null)
    {
        var store = await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = dbPath }, publisher ?? new NullPublisher(), time);
        var locks = new TraderLocks();
        var ledgers = new LedgerBook(store, TradingCalendar.NewYork, time);
        var leases = new SingleNodeLeases(store);
        var mutator = new OrderMutator(store, locks, ledgers, leases, NullLogger<OrderMutator>.Instance);
        var options = new ExecutionOptions { SendConcurrency = 1 };
        var controls = new TradingControls();
        var pipeline = new PreTradePipeline(venue, controls, new RiskOptions(), TradingCalendar.NewYork, time);
        var switches = new ControlService(store, controls, ledgers, time, ExecutionFlag.On, [venue.Name]);
        await switches.LoadAsync();
        var coordinator = new ExecutionCoordinator(store, mutator, ledgers, VenueSet.Of(connect?.Invoke(venue) ?? venue), ids, leases, time, options,
            NullLogger<ExecutionCoordinator>.Instance, market: venue, pipeline: pipeline, guard: switches);
        var orders = new OrderService(store, locks, mutator, ledgers, coordinator, switches, pipeline, venue, ids, leases, time);
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
