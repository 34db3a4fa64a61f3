// An account's risk limits as an administrator sets them.
namespace Fillmore.Client;

public sealed record AccountLimits
{
    public long? MaxPositionShares { get; init; }
    public decimal? MaxPositionNotional { get; init; }
    public decimal? MaxOrderNotional { get; init; }
    public int? MaxOpenOrders { get; init; }
    public decimal? DailyLossLimit { get; init; }
    public bool? ShortSellingEnabled { get; init; }
}
