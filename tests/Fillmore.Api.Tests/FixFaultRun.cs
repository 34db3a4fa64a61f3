// One seeded fault run of the whole service against a real QuickFIX executor (issue 17). The seed
// draws a schedule of steps, run one after the other on real time: bursts of limit orders from two
// traders (sent at once, so faults catch them in flight), resubmissions of a client order id, pauses,
// and faults: the TCP connection dropped, one direction swallowed and then dropped (an answer or an
// order lost on the wire), executor killed (-9) and started again on its store, Fillmore restarted
// on the same database, and a gap in executor's outgoing numbers (its admin page). The fault phase
// stops drawing after FaultPhase of wall time. Settling ends the faults, drops the link once more
// (the reconnect shows any gap and the venue's resend fills it) and waits, bounded, until every order
// is terminal or in doubt and holds what the venue executed. The oracle is the test's (FixFaultRunTests).
namespace Fillmore.Api.Tests;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Tests.Fix;
using Microsoft.Extensions.DependencyInjection;

public sealed class FixFaultRun : IAsyncDisposable
{
    public const decimal StartingCash = 10_000_000m;
    public static readonly IReadOnlyDictionary<string, (string Key, decimal Cash)> Traders =
        new Dictionary<string, (string, decimal)>
        {
            ["alice"] = (FillmoreFactory.Alice, StartingCash), ["bob"] = (FillmoreFactory.Bob, StartingCash),
        };
    private static readonly TimeSpan FaultPhase = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(25);
    private static readonly (string Symbol, decimal Price)[] Symbols = [("AAPL", 190m), ("MSFT", 420m)];

    private readonly Random _random;
    private readonly Action<string> _say;
    private readonly QuickFixAcceptor _executor;
    private readonly FaultyLink _link;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fillmore-fix-faults-").FullName;
    private readonly List<(string Trader, object Body)> _sent = [];
    private readonly Dictionary<string, HttpClient> _clients = [];
    private FillmoreFactory _service = null!;
    private int _kills, _restarts;

    private FixFaultRun(int seed, Action<string> say, QuickFixAcceptor executor)
    {
        (_random, _say, _executor) = (new Random(seed), say, executor);
        _link = new FaultyLink(executor.Port);
    }

    /// <summary>Every order the service answered 201 or 200 for.</summary>
    public List<OrderId> Acknowledged { get; } = [];
    public QuickFixAcceptor Executor => _executor;
    public FillmoreFactory Service => _service;
    public IOrderStore Store => _service.Services.GetRequiredService<IOrderStore>();

    public static async Task<FixFaultRun> StartAsync(int seed, Action<string> say)
    {
        var run = new FixFaultRun(seed, say, await QuickFixAcceptor.StartAsync("executor"));
        run.StartService();
        await run.OpenAccountsAsync();
        return run;
    }

    /// <summary>Runs up to <paramref name="steps"/> steps, fewer if the fault phase's time runs out.</summary>
    public async Task RunFaultsAsync(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < steps && clock.Elapsed < FaultPhase; step++)
        {
            var what = await StepAsync();
            _say($"step {step} at {clock.Elapsed.TotalSeconds:F1} s: {what}");
        }
    }

    private async Task<string> StepAsync()
    {
        switch (_random.Next(100))
        {
            case < 40: return await SubmitBurstAsync();
            case < 50: return await ResubmitAsync();
            case < 62: return await PauseAsync();
            case < 72:
                _link.Cut();
                return "drop the connection";
            case < 80: return await SwallowThenDropAsync();
            case < 88 when _kills < 3: return await KillExecutorAsync();
            case < 94 when _restarts < 2: return await RestartFillmoreAsync();
            default: return await GapAsync();
        }
    }

    private async Task<string> SubmitBurstAsync()
    {
        var orders = Enumerable.Range(0, _random.Next(1, 6)).Select(_ => NextOrder()).ToList();
        _sent.AddRange(orders);
        var answers = await Task.WhenAll(orders.Select(o => SubmitAsync(o.Trader, o.Body)));
        return $"submit {orders.Count}: {string.Join(", ", answers.Select(a => (int)a))}";
    }

    private (string Trader, object Body) NextOrder()
    {
        var trader = _random.Next(2) == 0 ? "alice" : "bob";
        var (symbol, reference) = Symbols[_random.Next(Symbols.Length)];
        var price = Math.Round(reference * (1 + (decimal)(_random.NextDouble() * 0.01 - 0.005)), 2);
        var side = _random.Next(4) == 0 ? "SELL" : "BUY";
        return (trader, new
        {
            symbol, side, quantity = _random.Next(1, 50), order_type = "LIMIT", price, time_in_force = "DAY",
            client_order_id = $"{trader}-{_sent.Count}-{_random.Next():x}",
        });
    }

    // A bot that did not hear back sends the same order again: never a second order.
    private async Task<string> ResubmitAsync()
    {
        if (_sent.Count == 0) return "resubmit: nothing sent yet";
        var (trader, body) = _sent[_random.Next(_sent.Count)];
        var status = await SubmitAsync(trader, body);
        if (status == HttpStatusCode.Created)
            throw new Xunit.Sdk.XunitException("A resubmission with the same client order id created a second order.");
        return $"resubmit: {(int)status}";
    }

    private async Task<HttpStatusCode> SubmitAsync(string trader, object body)
    {
        using var response = await Client(trader).SubmitAsync(body);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var id = new OrderId(Guid.Parse((await response.JsonAsync()).Id()));
            lock (Acknowledged) Acknowledged.Add(id);
        }
        else if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
            throw new Xunit.Sdk.XunitException($"A submit answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    private async Task<string> PauseAsync()
    {
        var pause = _random.Next(50, 400);
        await Task.Delay(pause);
        return $"pause {pause} ms";
    }

    private async Task<string> SwallowThenDropAsync()
    {
        var toVenue = _random.Next(2) == 0;
        if (toVenue) _link.SwallowToVenue();
        else _link.SwallowToClient();
        var burst = await SubmitBurstAsync();
        var hold = _random.Next(100, 800);
        await Task.Delay(hold);
        _link.Cut();
        return $"swallow {(toVenue ? "orders" : "answers")} ({burst}) for {hold} ms, then drop";
    }

    private async Task<string> KillExecutorAsync()
    {
        _kills++;
        await _executor.KillAsync();
        var burst = _random.Next(2) == 0 ? $" ({await SubmitBurstAsync()} while it is down)" : "";
        var down = _random.Next(0, 1000);
        await Task.Delay(down);
        await _executor.StartAgainAsync();
        return $"kill -9 executor{burst}, {down} ms down, start it again on its store";
    }

    private async Task<string> RestartFillmoreAsync()
    {
        _restarts++;
        StopService();
        StartService();
        using var ready = await Client("alice").GetAsync("/health/ready");
        return "restart Fillmore on the same database";
    }

    private async Task<string> GapAsync()
    {
        var skip = _random.Next(1, 6);
        var (_, outgoing) = await _executor.NumbersAsync();
        await _executor.SetNextOutgoingAsync(outgoing + skip);
        return $"gap: executor's next outgoing number skips {skip}";
    }

    /// <summary>
    /// Ends the faults, drops the link once more so that the reconnect shows any gap, and waits (bounded) until
    /// every order is terminal or in doubt and holds what executor executed. False if the bound ran out.
    /// </summary>
    public async Task<bool> SettleAsync()
    {
        if (!_executor.Running) await _executor.StartAgainAsync();
        _link.Cut();
        var record = new QuickFixRecord(_executor);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < SettleBound)
        {
            var orders = await FixOracle.OrdersAsync(Store);
            if (orders.All(o => (o.Status.IsTerminal() || InDoubt(o))
                    && o.FilledQuantity == record.Executed(o.Id.ToString()).Quantity)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    public static bool InDoubt(Order order) => order.Reason?.StartsWith("In doubt", StringComparison.Ordinal) == true;

    // Bursts submit in parallel: one client per trader, made once under the lock.
    private HttpClient Client(string trader)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(trader, out var client))
                _clients[trader] = client = _service.ClientFor(Traders.TryGetValue(trader, out var t) ? t.Key : trader);
            return client;
        }
    }

    private void StartService()
    {
        _service = new FillmoreFactory(_dataDir) { TestServices = s => s.AddSingleton(TimeProvider.System) };
        _service.Settings["Logging:LogLevel:Default"] = "Warning";
        _service.Settings["Fillmore:Venues:FIX"] = _executor.ConnectionString("executor", timeout: 1)
            .Replace($"port={_executor.Port}", $"port={_link.Port}", StringComparison.Ordinal);
    }

    private void StopService()
    {
        lock (_clients)
        {
            foreach (var client in _clients.Values) client.Dispose();
            _clients.Clear();
        }
        _service.Dispose();
    }

    private async Task OpenAccountsAsync()
    {
        foreach (var trader in Traders.Keys)
        {
            using var response = await Client(FillmoreFactory.Admin).PutAsJsonAsync(
                $"/api/v1/admin/accounts/{trader}", new
            {
                cash = StartingCash,
                limits = new
                {
                    max_position_shares = 1_000_000, max_position_notional = 1e10m, max_order_notional = 1e8m,
                    max_open_orders = 100_000, daily_loss_limit = 1e8m,
                },
            });
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        StopService();
        await _link.DisposeAsync();
        await _executor.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
