// The execution report's formats (GET /api/v1/reports/executions?format=).
namespace Fillmore.Client;

public enum ReportFormat
{
    Csv,
    Pdf,
}
