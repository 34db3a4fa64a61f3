// Execution reliability in GET /api/v1/metrics/summary: orders sent, orders failed, and the
// percentage that did not fail (docs/metrics.md).
namespace Fillmore.Api.Contracts;

public sealed record ReliabilityResponse(long OrdersSent, long OrdersFailed, double? Percent);
