// Execution reliability: orders sent, failed, and the share that did not fail.
namespace Fillmore.Client;

public sealed record MetricsSummaryReliability(long OrdersSent, long OrdersFailed, double? Percent);
