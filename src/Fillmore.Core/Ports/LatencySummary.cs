// A latency distribution in milliseconds (nearest-rank percentiles). Null values: no sample.
namespace Fillmore.Core.Ports;

public sealed record LatencySummary(long Samples, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs);
