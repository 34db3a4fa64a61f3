// A venue (exchange or broker) as the engine sees it. Adapters classify every failure into a
// VenueOutcome or VenueQuery; no transport exception escapes. Asynchronous news about orders
// (fills, cancels, expiries) arrives on Reports; a report may be duplicated, late or reordered.
namespace Fillmore.Core.Ports;

using System.Threading.Channels;
using Fillmore.Core.Orders;

public interface IVenue
{
    string Name { get; }

    /// <summary>What the venue holds and does itself; Fillmore emulates the rest (see VenueCapabilities).</summary>
    VenueCapabilities Capabilities { get; }

    /// <summary>Sends a new order, as its Terms say. Its OrderId is the client order id at the venue.</summary>
    ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default);

    /// <summary>
    /// Asks the venue to replace the working order's quantity and prices with <paramref name="terms"/>
    /// (cancel/replace). Confirmation arrives as a Replaced report (or a ReplaceRejected one).
    /// </summary>
    ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default);

    /// <summary>Asks the venue to cancel. Confirmation arrives as a Cancelled report (or a CancelRejected
    /// one).</summary>
    ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default);

    /// <summary>Asks the venue what it knows of an order, by client order id.</summary>
    ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default);

    /// <summary>Every order the venue holds that is still working (for reconciliation and ghost detection); null if it
    /// cannot say.</summary>
    ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default);

    ChannelReader<ExecutionReport> Reports { get; }

    /// <summary>Raised when the report stream was interrupted and is back: reports may have been lost, so
    /// reconcile.</summary>
    event EventHandler? Reconnected;
}
