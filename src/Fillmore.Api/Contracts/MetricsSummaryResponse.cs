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
        m.From == DateTimeOffset.MinValue ? null : m.From.UtcDateTime,
        m.To == DateTimeOffset.MaxValue ? null : m.To.UtcDateTime, m.OrdersSubmitted,
        new ReliabilityResponse(m.OrdersSent, m.OrdersFailed, m.ExecutionReliabilityPercent),
        LatencyResponse.From(m.SubmitToConfirm), LatencyResponse.From(m.CancelToConfirm),
        new DuplicatesResponse(m.DuplicateOrders, m.DuplicateClientOrderIds, m.OrdersAcknowledgedTwice,
            m.DuplicateFills),
        new CompletenessResponse(m.OrdersAtVenue, m.OrdersWithCompleteAudit, m.AuditCompleteness),
        Counts(m.RiskRejections), Counts(m.VenueRejections), Counts(m.OrdersByStatus));

    private static List<CodeCountResponse> Counts(IReadOnlyList<CodeCount> counts) =>
        counts.Select(c => new CodeCountResponse(c.Code, c.Orders)).ToList();
}
