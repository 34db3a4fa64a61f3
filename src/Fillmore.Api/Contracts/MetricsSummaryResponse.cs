// GET /api/v1/metrics/summary: the success criteria measured from the store (docs/metrics.md says
// which query gives each number and what it should be).
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Ports;

/// <param name="From">Null: from the first order.</param>
/// <param name="To">Null: up to now.</param>
public sealed record MetricsSummaryResponse(
    DateTime? From,
    DateTime? To,
    long OrdersSubmitted,
    ReliabilityResponse ExecutionReliability,
    LatencyResponse SubmitToConfirmMs,
    LatencyResponse CancelToConfirmMs,
    DuplicatesResponse Duplicates,
    CompletenessResponse AuditCompleteness,
    IReadOnlyList<CodeCountResponse> RiskRejections,
    IReadOnlyList<CodeCountResponse> VenueRejections,
    IReadOnlyList<CodeCountResponse> OrdersByStatus)
{
    public static MetricsSummaryResponse Of(ExecutionMetrics m) => new(
        m.From == DateTimeOffset.MinValue ? null : m.From.UtcDateTime, m.To == DateTimeOffset.MaxValue ? null : m.To.UtcDateTime, m.OrdersSubmitted,
        new ReliabilityResponse(m.OrdersSent, m.OrdersFailed, m.ExecutionReliabilityPercent),
        LatencyResponse.From(m.SubmitToConfirm), LatencyResponse.From(m.CancelToConfirm),
        new DuplicatesResponse(m.DuplicateOrders, m.DuplicateClientOrderIds, m.OrdersAcknowledgedTwice, m.DuplicateFills),
        new CompletenessResponse(m.OrdersAtVenue, m.OrdersWithCompleteAudit, m.AuditCompleteness),
        Counts(m.RiskRejections), Counts(m.VenueRejections), Counts(m.OrdersByStatus));

    private static List<CodeCountResponse> Counts(IReadOnlyList<CodeCount> counts) => counts.Select(c => new CodeCountResponse(c.Code, c.Orders)).ToList();
}

public sealed record ReliabilityResponse(long OrdersSent, long OrdersFailed, double? Percent);

public sealed record LatencyResponse(long Samples, double? P50, double? P95, double? P99, double? Max)
{
    public static LatencyResponse From(LatencySummary l) => new(l.Samples, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs);
}

/// <param name="Orders">Should be 0: the sum of the three kinds.</param>
public sealed record DuplicatesResponse(long Orders, long ClientOrderIds, long AcknowledgedTwice, long Fills);

/// <param name="Ratio">Should be 1.0; null when no order reached the venue.</param>
public sealed record CompletenessResponse(long OrdersAtVenue, long Complete, double? Ratio);

public sealed record CodeCountResponse(string Code, long Orders);
