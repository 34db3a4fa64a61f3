// A trader's limits. Every one must be set: an account without limits refuses new orders
// (LIMITS_NOT_CONFIGURED) rather than trading unlimited.
namespace Fillmore.Core.Accounts;

public sealed record RiskLimits(
    long MaxPositionShares,
    decimal MaxPositionNotional,
    decimal MaxOrderNotional,
    int MaxOpenOrders,
    decimal DailyLossLimit,
    bool ShortSellingEnabled);
