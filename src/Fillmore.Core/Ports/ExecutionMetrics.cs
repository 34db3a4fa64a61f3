// The success criteria measured from the store, over the orders created in [From, To). Each
// number comes from one SQL query in docs/metrics.md, which explains what it counts. A ratio is
// null when it has nothing to divide (no order sent, no order at the venue).
namespace Fillmore.Core.Ports;

public sealed record ExecutionMetrics(
    DateTimeOffset From,
    DateTimeOffset To,
    long OrdersSent,
    long OrdersFailed,
    LatencySummary SubmitToConfirm,
    LatencySummary CancelToConfirm,
    long DuplicateClientOrderIds,
    long OrdersAcknowledgedTwice,
    long DuplicateFills,
    long OrdersAtVenue,
    long OrdersWithCompleteAudit,
    IReadOnlyList<CodeCount> OrdersByStatus,
    IReadOnlyList<CodeCount> RiskRejections,
    IReadOnlyList<CodeCount> VenueRejections)
{
    public long OrdersSubmitted => OrdersByStatus.Sum(s => s.Orders);

    /// <summary>Percent of the orders sent to the venue that did not end FAILED.</summary>
    public double? ExecutionReliabilityPercent =>
        OrdersSent == 0 ? null : Math.Round(100.0 * (OrdersSent - OrdersFailed) / OrdersSent, 3);

    /// <summary>Should be 0: orders the venue may hold twice, plus duplicate client order ids and fills.</summary>
    public long DuplicateOrders => DuplicateClientOrderIds + OrdersAcknowledgedTwice + DuplicateFills;

    /// <summary>Should be 1.0: the share of orders that reached the venue whose audit trail is complete.</summary>
    public double? AuditCompleteness =>
        OrdersAtVenue == 0 ? null : Math.Round((double)OrdersWithCompleteAudit / OrdersAtVenue, 6);
}
