// The ways an order could be duplicated; each must count 0.
namespace Fillmore.Client;

public sealed record MetricsSummaryDuplicates(long Orders, long ClientOrderIds, long AcknowledgedTwice, long Fills);
