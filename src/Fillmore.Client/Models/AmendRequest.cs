// The body of PATCH /api/v1/orders/{id}: what changes (at least one field). Fields no amend can
// change are not here, so this client can never send one.
namespace Fillmore.Client;

public sealed record AmendRequest
{
    public long? Quantity { get; init; }
    public decimal? Price { get; init; }
    public decimal? StopPrice { get; init; }
    /// <summary>A trailing stop's new trail (one of TrailPrice, TrailPercent; one replaces the other kind).</summary>
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
}
