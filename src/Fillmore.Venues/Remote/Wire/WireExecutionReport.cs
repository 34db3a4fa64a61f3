// One execution report on the wire: the report socket's payload and the entries of an order's state.
namespace Fillmore.Venues.Remote.Wire;

using Fillmore.Core.Ports;

public sealed record WireExecutionReport(
    Guid ClientOrderId,
    ExecutionKind Kind,
    string ExecutionId,
    long LastQuantity,
    decimal LastPrice,
    long CumulativeQuantity,
    decimal AveragePrice,
    decimal Commission,
    string Venue,
    DateTimeOffset TransactTime,
    string? Reason);
