// The risk limits that seeded accounts get (section "Fillmore:Risk:DefaultLimits").
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Accounts;

public sealed class DefaultLimitsOptions
{
    public long MaxPositionShares { get; set; } = 10_000;
    public decimal MaxPositionNotional { get; set; } = 1_000_000m;
    public decimal MaxOrderNotional { get; set; } = 250_000m;
    public int MaxOpenOrders { get; set; } = 100;
    public decimal DailyLossLimit { get; set; } = 10_000m;

    public RiskLimits ToLimits(bool shortSelling) =>
        new(MaxPositionShares, MaxPositionNotional, MaxOrderNotional, MaxOpenOrders, DailyLossLimit, shortSelling);
}
