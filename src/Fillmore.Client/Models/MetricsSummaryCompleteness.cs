// Of the orders that reached the venue, how many have a complete audit trail.
namespace Fillmore.Client;

public sealed record MetricsSummaryCompleteness(long OrdersAtVenue, long Complete, double? Ratio);
