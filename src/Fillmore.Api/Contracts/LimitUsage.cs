// One risk limit in GET /api/v1/account with how much of it is used now, in its own unit. An
// account without limits shows them as null.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Accounts;

/// <param name="Current">How much of the limit is used now (null where a limit applies per order).</param>
public sealed record LimitUsage(string Name, decimal? Limit, decimal? Current, string Unit)
{
    public static IReadOnlyList<LimitUsage> For(Ledger ledger, IReadOnlyList<PositionResponse> positions,
        decimal lossToday)
    {
        var l = ledger.Account.Limits;
        return
        [
            new("max_position_shares", l?.MaxPositionShares,
                positions.Count == 0 ? 0 : positions.Max(p => Math.Abs(p.Quantity)), "shares per symbol"),
            new("max_position_notional", l?.MaxPositionNotional,
                positions.Count == 0 ? 0 : positions.Max(p => Math.Abs(p.MarketValue)), "USD per symbol"),
            new("max_order_notional", l?.MaxOrderNotional, null, "USD per order"),
            new("max_open_orders", l?.MaxOpenOrders, ledger.OpenOrders.Count, "orders"),
            new("daily_loss_limit", l?.DailyLossLimit, lossToday, "USD"),
            new("short_selling_enabled", l is null ? null : l.ShortSellingEnabled ? 1 : 0, null, "1 = allowed"),
        ];
    }
}
