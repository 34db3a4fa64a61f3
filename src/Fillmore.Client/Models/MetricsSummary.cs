// GET /api/v1/metrics/summary: the success criteria measured from the store (docs/metrics.md).
namespace Fillmore.Client;

public sealed record MetricsSummary
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public long OrdersSubmitted { get; init; }
    public MetricsSummaryReliability? ExecutionReliability { get; init; }
    public MetricsSummaryLatency? SubmitToConfirmMs { get; init; }
    public MetricsSummaryLatency? CancelToConfirmMs { get; init; }
    public MetricsSummaryDuplicates? Duplicates { get; init; }
    public MetricsSummaryCompleteness? AuditCompleteness { get; init; }
    public IReadOnlyList<CodeCount> RiskRejections { get; init; } = [];
    public IReadOnlyList<CodeCount> VenueRejections { get; init; } = [];
    public IReadOnlyList<CodeCount> OrdersByStatus { get; init; } = [];
}
