// The fill an order.filled or order.partially_filled event carries.
namespace Fillmore.Client;

public sealed record EventFill(string ExecutionId, long Quantity, decimal Price, string Venue, decimal Commission,
    DateTimeOffset Timestamp);
