// Every open order on /metrics, by status (fillmore_orders_open{status="PENDING"}, ...; 0 for an
// open status with none). The engine's own counts would not do: in flight and held are this node's
// alone, and an order resting at the venue is in neither. So the store counts them
// (IOpenOrderCount, from its partial index of open orders: the cost follows the open orders, not
// the whole table), in the background every Fillmore:Metrics:OpenOrdersInterval (5 s), never per
// scrape: any number of scrapers cost one bounded query per interval, and a slow store makes the
// number older, never a scrape slower. Before the first count there is no sample. On a shared
// store every node reports the same store-wide count: take max, not sum, across nodes.
namespace Fillmore.Api.Observability;

using System.Diagnostics.Metrics;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Options;

public sealed partial class OpenOrdersGauge : BackgroundService
{
    public const string Name = "fillmore.orders.open";

    private readonly Meter _meter = new("Fillmore");
    private readonly IOpenOrderCount? _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<OpenOrdersGauge> _log;
    private volatile IReadOnlyDictionary<OrderStatus, long>? _counts;
    private long _refreshed;

    public OpenOrdersGauge(IOrderStore store, TimeProvider time, IOptions<ObservabilityOptions> options,
        ILogger<OpenOrdersGauge> log)
    {
        (_store, _time, _interval, _log) = (store as IOpenOrderCount, time, options.Value.OpenOrdersInterval, log);
        _meter.CreateObservableGauge(Name, Observe, "{order}",
            "Open orders in the store by status (PENDING_SUBMIT, PENDING, PARTIAL, PENDING_CANCEL, HELD), "
                + "counted every few seconds.");
    }

    /// <summary>Its own meter (a test listens to this one, not to every "Fillmore" meter in the process).</summary>
    public Meter Meter => _meter;

    /// <summary>How many counts have completed (a test's barrier).</summary>
    public long Refreshed => Interlocked.Read(ref _refreshed);

    private IEnumerable<Measurement<long>> Observe() => _counts is not { } counts ? []
        : OrderStatusExtensions.Open.Select(s => new Measurement<long>(counts.GetValueOrDefault(s),
            new KeyValuePair<string, object?>("status", ApiNames.Of(s))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_store is null) return;
        await Task.Yield();   // off the host's start
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                try
                {
                    _counts = await _store.CountOpenOrdersAsync(stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _refreshed);
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogCountFailed(ex); }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Counting the open orders failed; fillmore_orders_open keeps its last value.")]
    private partial void LogCountFailed(Exception ex);

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
