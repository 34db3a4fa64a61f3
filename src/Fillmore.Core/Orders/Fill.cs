// One execution of (part of) an order, as reported by the venue. ExecutionId is the venue's own
// id for it (FIX ExecID): a fill whose (venue, execution id) is already recorded is a duplicate
// report and never counts twice.
namespace Fillmore.Core.Orders;

public sealed record Fill(
    Guid Id,
    OrderId OrderId,
    TraderId TraderId,
    string ExecutionId,
    long Quantity,
    decimal Price,
    string Venue,
    decimal Commission,
    DateTimeOffset Timestamp);
