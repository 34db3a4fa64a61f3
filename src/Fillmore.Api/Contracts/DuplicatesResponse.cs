// Duplicates in GET /api/v1/metrics/summary: the three ways an order could be duplicated, each of
// which must count 0 (docs/metrics.md).
namespace Fillmore.Api.Contracts;

/// <param name="Orders">Should be 0: the sum of the three kinds.</param>
public sealed record DuplicatesResponse(long Orders, long ClientOrderIds, long AcknowledgedTwice, long Fills);
