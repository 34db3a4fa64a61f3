// Accounts created at start-up when missing (section "Fillmore:Accounts"): the demo traders of the
// quick start. Limits not given per account come from "Fillmore:Risk:DefaultLimits".
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Accounts;

public sealed class AccountSeedOptions
{
    public List<SeedAccount> Seed { get; set; } = [];
}

public sealed class SeedAccount
{
    public string Trader { get; set; } = "";
    public decimal Cash { get; set; }
    public bool ShortSellingEnabled { get; set; }
}

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

public sealed class RateLimitOptions
{
    /// <summary>Orders a trader may submit per minute (NFR-007), as a token bucket refilled evenly.</summary>
    public int OrdersPerMinute { get; set; } = 100;
}
