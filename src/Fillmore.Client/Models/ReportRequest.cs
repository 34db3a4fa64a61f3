// GET /api/v1/reports/executions: every fill whose venue time is in [From, To), as CSV or PDF.
// TraderId is for compliance (one trader; null: everyone).
namespace Fillmore.Client;

public sealed record ReportRequest(DateOnly From, DateOnly To, ReportFormat Format = ReportFormat.Csv)
{
    public string? TraderId { get; init; }
}
