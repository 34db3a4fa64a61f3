// One row of a by-code count in GET /api/v1/metrics/summary (rejections by code, orders by
// status): the code and how many orders have it.
namespace Fillmore.Api.Contracts;

public sealed record CodeCountResponse(string Code, long Orders);
