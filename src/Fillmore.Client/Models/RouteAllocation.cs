// One venue's part of an order SMART split across venues.
namespace Fillmore.Client;

public sealed record RouteAllocation
{
    public string Venue { get; init; } = "";
    public long Quantity { get; init; }
}
