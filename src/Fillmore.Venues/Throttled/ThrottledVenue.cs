// A venue behind a rate limit (EXCHANGE_API_RATE_LIMIT): every request Fillmore sends it (submit,
// replace, cancel, query, open-order list) first waits for its slot from the RequestPacer, so the
// venue never sees more than the limit and nothing is dropped. Slots go first come, first served;
// the engine's loops each wait for one request at a time, so a burst of reconciliation queries
// holds at most one slot ahead of a trader's cancel. When the venue answers "not before" (a 429's
// Retry-After, classified by the adapter as Retryable with RetryAfter), no request at all goes out
// before then. Reports and reconnects are the venue's own and pass through untouched.
namespace Fillmore.Venues.Throttled;

using System.Threading.Channels;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class ThrottledVenue(IVenue inner, RequestPacer pacer) : IVenue, IVenueHealth
{
    public IVenue Inner => inner;

    public RequestPacer Pacer => pacer;

    public string Name => inner.Name;

    public VenueCapabilities Capabilities => inner.Capabilities;

    public ChannelReader<ExecutionReport> Reports => inner.Reports;

    public event EventHandler? Reconnected
    {
        add => inner.Reconnected += value;
        remove => inner.Reconnected -= value;
    }

    /// <summary>The venue underneath any throttles (what the host checks the venue's kind on).</summary>
    public static IVenue Innermost(IVenue venue) => venue is ThrottledVenue throttled ? Innermost(throttled.Inner)
        : venue;

    public async ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default)
    {
        await pacer.WaitAsync(ct).ConfigureAwait(false);
        return Heeded(await inner.SubmitAsync(order, ct).ConfigureAwait(false));
    }

    public async ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default)
    {
        await pacer.WaitAsync(ct).ConfigureAwait(false);
        return Heeded(await inner.ReplaceAsync(order, terms, ct).ConfigureAwait(false));
    }

    public async ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default)
    {
        await pacer.WaitAsync(ct).ConfigureAwait(false);
        return Heeded(await inner.CancelAsync(id, ct).ConfigureAwait(false));
    }

    public async ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default)
    {
        await pacer.WaitAsync(ct).ConfigureAwait(false);
        return await inner.QueryAsync(id, ct).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default)
    {
        await pacer.WaitAsync(ct).ConfigureAwait(false);
        return await inner.ListOpenOrdersAsync(ct).ConfigureAwait(false);
    }

    public VenueHealthReport Health => (inner as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;

    // The venue's own word on its limit: nothing more goes out before its Retry-After has passed.
    private VenueOutcome Heeded(VenueOutcome outcome)
    {
        if (outcome is VenueOutcome.Retryable { RetryAfter: { } after }) pacer.Hold(after);
        return outcome;
    }
}
