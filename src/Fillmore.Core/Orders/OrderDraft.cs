// An order exactly as the client sent it, before validation: every field optional and loosely
// typed, so that every problem can be reported at once instead of failing on the first.
namespace Fillmore.Core.Orders;

public sealed record OrderDraft(
    string? Symbol,
    string? Side,
    decimal? Quantity,
    string? OrderType,
    decimal? Price,
    decimal? StopPrice,
    string? TimeInForce,
    decimal? StopLoss,
    decimal? TakeProfit,
    string? ClientOrderId);
