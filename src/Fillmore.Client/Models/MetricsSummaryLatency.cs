// A latency in milliseconds: samples, nearest-rank percentiles and the maximum (null without samples).
namespace Fillmore.Client;

public sealed record MetricsSummaryLatency(long Samples, double? P50, double? P95, double? P99, double? Max);
