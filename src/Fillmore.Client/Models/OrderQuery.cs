// Filters of GET /api/v1/orders (newest first). TraderId is for compliance; a trader's is ignored.
namespace Fillmore.Client;

public sealed record OrderQuery
{
    public OrderStatus? Status { get; init; }
    public string? Symbol { get; init; }
    /// <summary>1 to 100 (the service's default: 20).</summary>
    public int? Limit { get; init; }
    public int? Offset { get; init; }
    public string? TraderId { get; init; }
}
