// A replace request as it travels to the paper exchange (PUT /v1/orders/{id}): the working
// order's new quantity and prices. The outcome arrives as a Replaced (or ReplaceRejected) report.
namespace Fillmore.Venues.Remote.Wire;

public sealed record WireReplace(Guid ClientOrderId, long Quantity, decimal? LimitPrice, decimal? StopPrice);
