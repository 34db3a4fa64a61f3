// An in-process paper exchange: the default venue of the quick start and of the simulation.
// Market orders fill at the quote (buy at the ask, sell at the bid); limit orders rest until the
// quote reaches them and fill at the quote or better; stops trigger when the quote crosses the
// stop price and then behave as market (STOP) or limit (STOP_LIMIT) orders. IOC cancels what it
// cannot fill at once; FOK fills all at once or nothing. Quotes move on a seeded random walk
// driven by TimeProvider, so a run is reproducible from its seed. The venue knows each order by
// the client order id Fillmore sends (Fillmore's OrderId) and refuses a second order with it.
// Faults (SimulatedFaults) are drawn from their own seeded random source under the same lock, so
// a seed and a sequence of calls give the same faults. The venue's book survives a "restart"
// (Restart): only its report stream is interrupted, as with a real exchange's drop-copy session.
namespace Fillmore.Venues.Simulated;

using System.Threading.Channels;
using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class SimulatedVenue : IVenue, IMarketData, IQuoteFeed, IVenueHealth, IDisposable
{
    private readonly object _lock = new();
    private readonly SimulatedVenueOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly QuoteBoard _quotes;
    private readonly Dictionary<OrderId, SimulatedOrder> _orders = [];
    private readonly Dictionary<OrderId, int> _submissions = [];
    private readonly HashSet<OrderId> _arrived = [];
    private readonly Channel<ExecutionReport> _reports =
        Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _ticker;
    private readonly List<ExecutionReport> _held = [];
    // While a submit is being answered: the reports it caused, for the answer (Confirmed.Executions).
    private List<ExecutionReport>? _answering;
    private SimulatedFaults _faults;
    private Random _faultRandom;
    private bool _streamDown;
    private long _executionCounter;
    // Execution ids must stay unique across the venue's restarts: Fillmore keeps every fill by (venue, execution
    // id), and a paper exchange in the service's process starts again from 1 while the database remembers.
    private readonly string _session;
    private DateTimeOffset? _lastReportAt;

    public SimulatedVenue(SimulatedVenueOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _session = time.GetUtcNow()
            .UtcDateTime.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        _random = new Random(options.Seed);
        _quotes = new QuoteBoard(options, _random, time.GetUtcNow());
        _faults = options.Faults;
        _faultRandom = new Random(options.Faults.Seed);
        _ticker = time.CreateTimer(_ => Tick(), null, options.QuoteInterval, options.QuoteInterval);
    }

    public event EventHandler? Reconnected;

    public event Action<Symbol>? QuoteChanged;

    /// <summary>Market and limit orders always; stops and stop-limits unless NativeStops is off (then Fillmore holds
    /// them).</summary>
    public VenueCapabilities Capabilities => _options.NativeStops ? VenueCapabilities.All
        : VenueCapabilities.All with { OrderTypes = new HashSet<OrderType> { OrderType.Market, OrderType.Limit } };

    /// <summary>Replaces the fault plan (and reseeds its random source).</summary>
    public void SetFaults(SimulatedFaults faults)
    {
        lock (_lock)
        {
            _faults = faults;
            _faultRandom = new Random(faults.Seed);
        }
    }

    public string Name => _options.Name;

    /// <summary>In this process: it always answers; its report stream is up unless a test took it down.</summary>
    public VenueHealthReport Health
    {
        get
        {
            lock (_lock)
                return new VenueHealthReport("paper", true, !_streamDown, _lastReportAt, null,
                    _streamDown ? "The report stream is down." : null);
        }
    }

    public ChannelReader<ExecutionReport> Reports => _reports.Reader;

    public IReadOnlyList<Instrument> Instruments { get { lock (_lock) return _quotes.Instruments.ToList(); } }

    /// <summary>How many times each order id was sent to this venue (the simulation's duplicate check).</summary>
    public IReadOnlyDictionary<OrderId, int> Submissions { get { lock (_lock) return new Dictionary<OrderId, int>(
        _submissions); } }

    /// <summary>The orders whose submit request has arrived, answered or still being processed (a test's barrier for
    /// "on the wire").</summary>
    public IReadOnlyCollection<OrderId> Arrived { get { lock (_lock) return _arrived.ToList(); } }

    /// <summary>A new order from this process's Fillmore: booked to the order's trader.</summary>
    public ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default) =>
        SubmitAsync(order, order.TraderId.Value, ct);

    /// <summary>A new order booked to <paramref name="account"/> (null: its sender did not say whose it is).</summary>
    public async ValueTask<VenueOutcome> SubmitAsync(Order order, string? account, CancellationToken ct = default)
    {
        lock (_lock) _arrived.Add(order.Id);
        await DelayAsync(ct).ConfigureAwait(false);
        lock (_lock)
        {
            if (Chance(_faults.DropRequest))
                return new VenueOutcome.Unknown(ReasonCodes.RequestLost, "the request timed out");
            if (Chance(_faults.Throttle))
                return new VenueOutcome.Retryable(ReasonCodes.Throttled, "429 Too Many Requests",
                    TimeSpan.FromSeconds(1));
            var serverError = Chance(_faults.ServerError);
            if (serverError && Chance(0.5))
                return new VenueOutcome.Unknown(ReasonCodes.HttpStatus(503), "503 Service Unavailable");
            var outcome = Accept(order, account);
            if (serverError) return new VenueOutcome.Unknown(ReasonCodes.HttpStatus(503), "503 Service Unavailable");
            return Chance(_faults.DropResponse)
                ? new VenueOutcome.Unknown(ReasonCodes.ResponseLost, "the connection dropped after sending") : outcome;
        }
    }

    private VenueOutcome Accept(Order order, string? account)
    {
        _submissions[order.Id] = _submissions.GetValueOrDefault(order.Id) + 1;
        if (_orders.ContainsKey(order.Id))
            return new VenueOutcome.Rejected(ReasonCodes.DuplicateClientOrderId,
                $"The venue already has an order with client order id {order.Id}.");
        if (Refusal(order.Spec.Symbol) is { } refusal) return refusal;
        var entry = new SimulatedOrder(order, account);
        _orders[order.Id] = entry;
        var caused = _answering = [];
        try { Match(entry, immediate: true); }
        finally { _answering = null; }
        return new VenueOutcome.Confirmed(_time.GetUtcNow()) { Executions = _faults.TerseAnswers ? [] : caused };
    }

    public async ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default)
    {
        await DelayAsync(ct).ConfigureAwait(false);
        lock (_lock)
        {
            if (Chance(_faults.DropRequest))
                return new VenueOutcome.Unknown(ReasonCodes.RequestLost, "the request timed out");
            if (!_orders.TryGetValue(order.Id, out var entry))
                return new VenueOutcome.Rejected(ReasonCodes.UnknownOrder, "The venue has no order with this id.");
            if (entry.Status != VenueOrderStatus.Working || terms.Quantity <= entry.CumulativeQuantity)
            {
                Emit(new ExecutionReport(entry.Id, ExecutionKind.ReplaceRejected,
                    $"{Name}-{_session}-R{++_executionCounter:D9}", 0, 0, entry.CumulativeQuantity, entry.AveragePrice,
                    0, Name, _time.GetUtcNow(),
                    "Too late to replace: the order is done or filled beyond the new quantity."));
                return new VenueOutcome.Confirmed(_time.GetUtcNow());
            }
            entry.Terms = entry.Terms with { Quantity = terms.Quantity, LimitPrice = terms.LimitPrice,
                StopPrice = terms.StopPrice };
            Emit(new ExecutionReport(entry.Id, ExecutionKind.Replaced, $"{Name}-{_session}-R{++_executionCounter:D9}",
                0, 0, entry.CumulativeQuantity, entry.AveragePrice, 0, Name, _time.GetUtcNow()));
            Match(entry, immediate: false);   // the new price may trade at once
            return Chance(_faults.DropResponse)
                ? new VenueOutcome.Unknown(ReasonCodes.ResponseLost, "the connection dropped after sending")
                : new VenueOutcome.Confirmed(_time.GetUtcNow());
        }
    }

    public async ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default)
    {
        await DelayAsync(ct).ConfigureAwait(false);
        lock (_lock)
        {
            if (Chance(_faults.DropRequest))
                return new VenueOutcome.Unknown(ReasonCodes.RequestLost, "the request timed out");
            if (!_orders.TryGetValue(id, out var entry))
                return new VenueOutcome.Rejected(ReasonCodes.UnknownOrder, "The venue has no order with this id.");
            if (entry.Status == VenueOrderStatus.Working && Chance(_faults.FillOnCancel)
                && _quotes.TryGetQuote(entry.Symbol, out var q))
                // it traded before the cancel landed
                Fill(entry, Math.Max(1, entry.Remaining / 2), entry.Side == Side.Buy ? q.Ask : q.Bid);
            if (entry.Status != VenueOrderStatus.Working)
                return new VenueOutcome.Rejected(ReasonCodes.TooLateToCancel,
                    $"The order is already {entry.Status.ToString().ToLowerInvariant()} at the venue.");
            End(entry, VenueOrderStatus.Cancelled, ExecutionKind.Cancelled, "Cancelled at the trader's request.");
            return Chance(_faults.DropResponse)
                ? new VenueOutcome.Unknown(ReasonCodes.ResponseLost, "the connection dropped after sending")
                : new VenueOutcome.Confirmed(_time.GetUtcNow());
        }
    }

    public ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            VenueQuery answer = Chance(_faults.QueryFailure) ? new VenueQuery.Unknown("status request timed out")
                : _orders.TryGetValue(id, out var entry) ? new VenueQuery.Found(entry.Snapshot())
                : new VenueQuery.NotFound();
            return ValueTask.FromResult(answer);
        }
    }

    public ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default)
    {
        lock (_lock)
        {
            IReadOnlyList<VenueOrderState>? open = Chance(_faults.QueryFailure) ? null
                : _orders.Values.Where(o => o.Status == VenueOrderStatus.Working).OrderBy(o => o.Id.Value)
                    .Select(o => o.Snapshot()).ToList();
            return ValueTask.FromResult(open);
        }
    }

    /// <summary>The report stream goes down: reports are lost until Reconnect.</summary>
    public void DisconnectStream()
    {
        lock (_lock) _streamDown = true;
    }

    /// <summary>The report stream is back; Reconnected tells the engine to reconcile what it missed.</summary>
    public void Reconnect()
    {
        lock (_lock)
        {
            _streamDown = false;
            _held.Clear();
        }
        Reconnected?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The session ends at the venue: every working DAY order expires here (an Expired report each).</summary>
    public void ExpireDayOrders()
    {
        lock (_lock)
            foreach (var entry in _orders.Values.Where(o =>
                o.Status == VenueOrderStatus.Working && o.Terms.TimeInForce == TimeInForce.Day).ToList())
                End(entry, VenueOrderStatus.Expired, ExecutionKind.Expired, "DAY order expired at the session close.");
    }

    /// <summary>The venue restarts: its book survives, reports in transit are lost, the session reconnects.</summary>
    public void Restart()
    {
        DisconnectStream();
        Reconnect();
    }

    /// <summary>An order placed at the venue by someone other than this Fillmore (a ghost to be reported, never
    /// adopted), booked to the order's trader.</summary>
    public void PlaceForeignOrder(Order order)
    {
        lock (_lock)
        {
            var entry = new SimulatedOrder(order, order.TraderId.Value);
            _orders[order.Id] = entry;
        }
    }

    /// <summary>Every order the venue holds, working or not, with its executions (for the simulation's
    /// auditor).</summary>
    public IReadOnlyList<VenueOrderState> AllOrders() { lock (_lock) return _orders.Values.Select(o => o.Snapshot())
        .ToList(); }

    public Instrument? FindInstrument(Symbol symbol)
    {
        lock (_lock) return _quotes.Find(symbol);
    }

    public bool TryGetQuote(Symbol symbol, out Quote quote)
    {
        lock (_lock) return _quotes.TryGetQuote(symbol, out quote);
    }

    /// <summary>Sets a quote's mid price and matches resting orders against it (tests and demos).</summary>
    public void SetPrice(Symbol symbol, decimal mid)
    {
        lock (_lock)
        {
            _quotes.SetMid(symbol, mid, _time.GetUtcNow());
            MatchResting();
        }
        QuoteChanged?.Invoke(symbol);
    }

    private void Tick()
    {
        List<Symbol> moved;
        lock (_lock)
        {
            _quotes.Step(_time.GetUtcNow());
            MatchResting();
            moved = _quotes.Instruments.Where(i => i.Status == InstrumentStatus.Active).Select(i => i.Symbol).ToList();
        }
        foreach (var symbol in moved) QuoteChanged?.Invoke(symbol);
    }

    private void MatchResting()
    {
        foreach (var entry in _orders.Values.Where(o => o.Status == VenueOrderStatus.Working).ToList())
            Match(entry, immediate: false);
    }

    private VenueOutcome.Rejected? Refusal(Symbol symbol) => _quotes.Find(symbol) switch
    {
        null => new(ReasonCodes.UnknownSymbol, $"The venue does not list {symbol}."),
        { Status: InstrumentStatus.Delisted } => new(ReasonCodes.SymbolDelisted,
            $"{symbol} is delisted and cannot be traded."),
        { Status: InstrumentStatus.Halted } => new(ReasonCodes.SymbolHalted, $"Trading in {symbol} is halted."),
        _ => null,
    };

    private Task DelayAsync(CancellationToken ct)
    {
        TimeSpan extra;
        lock (_lock) extra = _faults.MaxExtraLatency > TimeSpan.Zero
            ? _faults.MaxExtraLatency * _faultRandom.NextDouble() : TimeSpan.Zero;
        var delay = _options.Latency + extra;
        return delay > TimeSpan.Zero ? Task.Delay(delay, _time, ct) : Task.CompletedTask;
    }

    // Under _lock. Zero never draws, so a fault-free venue consumes no random numbers.
    private bool Chance(double probability) => probability > 0 && _faultRandom.NextDouble() < probability;

    // Under _lock: every report goes out through the faults of the stream.
    private void Emit(ExecutionReport report)
    {
        _answering?.Add(report);   // the answer states what happened, whatever the stream then loses
        if (_streamDown || Chance(_faults.DropReport)) return;
        if (Chance(_faults.ReorderReport))
        {
            _held.Add(report);
            return;
        }
        _reports.Writer.TryWrite(report);
        _lastReportAt = _time.GetUtcNow();
        if (Chance(_faults.DuplicateReport)) _reports.Writer.TryWrite(report);
        foreach (var late in _held) _reports.Writer.TryWrite(late);
        _held.Clear();
    }

    public void Dispose() => _ticker.Dispose();

    // --- matching (called under _lock) ---

    private void Match(SimulatedOrder entry, bool immediate)
    {
        if (!_quotes.TryGetQuote(entry.Symbol, out var quote)) return;
        var buy = entry.Side == Side.Buy;
        var terms = entry.Terms;
        if (terms.NeedsStopPrice && !entry.StopTriggered)
            entry.StopTriggered = buy ? quote.Ask >= terms.StopPrice : quote.Bid <= terms.StopPrice;
        var price = buy ? quote.Ask : quote.Bid;
        var marketable = (!terms.NeedsStopPrice || entry.StopTriggered)
            && (!terms.NeedsLimitPrice || (buy ? price <= terms.LimitPrice : price >= terms.LimitPrice));
        var available = _options.PartialFills ? _random.NextInt64(1, entry.Remaining + 1) : entry.Remaining;
        if (_options.DisplayedSize > 0) available = Math.Min(available, _options.DisplayedSize);
        var tif = terms.TimeInForce;
        if (marketable && !(tif == TimeInForce.Fok && available < entry.Remaining))
            Fill(entry, Math.Min(available, entry.Remaining), price);
        if (immediate && entry.Status == VenueOrderStatus.Working && tif is TimeInForce.Ioc or TimeInForce.Fok)
            End(entry, VenueOrderStatus.Cancelled, ExecutionKind.Cancelled,
                tif == TimeInForce.Fok ? "FOK order could not be filled in full at once." : "IOC remainder cancelled.");
    }

    private void Fill(SimulatedOrder entry, long quantity, decimal price)
    {
        entry.RecordFill(quantity, price);
        var commission = Math.Max(_options.MinimumCommission, Math.Round(quantity * _options.CommissionPerShare, 2));
        var report = new ExecutionReport(entry.Id, ExecutionKind.Fill, $"{Name}-{_session}-E{++_executionCounter:D9}",
            quantity, price, entry.CumulativeQuantity, entry.AveragePrice, commission, Name, _time.GetUtcNow());
        entry.Executions.Add(report);
        Emit(report);
    }

    private void End(SimulatedOrder entry, VenueOrderStatus status, ExecutionKind kind, string reason)
    {
        entry.Status = status;
        entry.Reason = reason;
        Emit(new ExecutionReport(entry.Id, kind, $"{Name}-{_session}-X{++_executionCounter:D9}", 0, 0,
            entry.CumulativeQuantity, entry.AveragePrice, 0, Name, _time.GetUtcNow(), reason));
    }
}
