// A page of orders (GET /api/v1/orders), newest first, with the total that matches the filters.
namespace Fillmore.Api.Contracts;

public sealed record OrderListResponse(IReadOnlyList<OrderResponse> Data, long Total, int Limit, int Offset);
