// One fill of an order: counted once per venue and execution id.
namespace Fillmore.Client;

public sealed record Fill(Guid Id, string ExecutionId, long QuantityFilled, decimal PriceAtFill, string Venue,
    decimal Commission, DateTimeOffset Timestamp);
