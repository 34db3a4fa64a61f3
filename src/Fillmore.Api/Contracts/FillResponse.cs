// One fill of an order as the API shows it (GET /api/v1/orders/{id}), with the venue's
// execution id and commission.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;

public sealed record FillResponse(Guid Id, string ExecutionId, long QuantityFilled, decimal PriceAtFill, string Venue,
    decimal Commission, DateTime Timestamp)
{
    public static FillResponse From(Fill f) =>
        new(f.Id, f.ExecutionId, f.Quantity, f.Price, f.Venue, f.Commission, f.Timestamp.UtcDateTime);
}
