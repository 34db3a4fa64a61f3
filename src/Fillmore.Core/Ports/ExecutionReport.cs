// Asynchronous news from a venue about one order (a FIX ExecutionReport, reduced to what the
// engine needs). For fills, CumulativeQuantity and AveragePrice are the venue's totals after it.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record ExecutionReport(
    OrderId OrderId,
    ExecutionKind Kind,
    string ExecutionId,
    long LastQuantity,
    decimal LastPrice,
    long CumulativeQuantity,
    decimal AveragePrice,
    decimal Commission,
    string Venue,
    DateTimeOffset TransactTime,
    string? Reason = null);
