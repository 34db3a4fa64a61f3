// The limits of PUT /api/v1/admin/accounts/{trader}: each one replaces the stored one; a new
// account needs all five limits at once (short selling defaults to off).
namespace Fillmore.Api.Contracts;

public sealed record LimitsRequest(long? MaxPositionShares, decimal? MaxPositionNotional, decimal? MaxOrderNotional,
    int? MaxOpenOrders, decimal? DailyLossLimit, bool? ShortSellingEnabled);
