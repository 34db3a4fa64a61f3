// A latency in GET /api/v1/metrics/summary, in milliseconds: how many samples, nearest-rank
// percentiles and the maximum (null without samples).
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Ports;

public sealed record LatencyResponse(long Samples, double? P50, double? P95, double? P99, double? Max)
{
    public static LatencyResponse From(LatencySummary l) => new(l.Samples, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs);
}
