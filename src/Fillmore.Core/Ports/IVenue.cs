// A venue (exchange or broker) as the engine sees it. Adapters classify every failure into a
// VenueOutcome or VenueQuery; no transport exception escapes. Asynchronous news about orders
// (fills, cancels, expiries) arrives on Reports; a report may be duplicated, late or reordered.
namespace Fillmore.Core.Ports;

using System.Threading.Channels;
using Fillmore.Core.Orders;

public interface IVenue
{
    string Name { get; }

    /// <summary>Sends a new order. Its OrderId is the client order id at the venue.</summary>
    ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default);

    /// <summary>Asks the venue to cancel. Confirmation arrives as a Cancelled report (or a CancelRejected one).</summary>
    ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default);

    /// <summary>Asks the venue what it knows of an order, by client order id.</summary>
    ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default);

    ChannelReader<ExecutionReport> Reports { get; }
}
