// What changes on an order after it is created, as a store row keeps it (see Order.Restored).
namespace Fillmore.Core.Orders;

public readonly record struct OrderProgress(
    OrderStatus Status,
    long FilledQuantity,
    decimal? AverageFillPrice,
    long Version,
    int Attempts = 0,
    DateTimeOffset? FirstSentAt = null,
    DateTimeOffset? FailureAcknowledgedAt = null);
