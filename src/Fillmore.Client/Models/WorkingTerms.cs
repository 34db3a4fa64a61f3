// The terms the venue is asked for now, and a replace it has not confirmed yet (PendingAmend).
namespace Fillmore.Client;

public sealed record WorkingTerms
{
    public OrderType OrderType { get; init; }
    public long Quantity { get; init; }
    public decimal? Price { get; init; }
    public decimal? StopPrice { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    public PendingAmend? PendingAmend { get; init; }
}
