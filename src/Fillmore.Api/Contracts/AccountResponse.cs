// GET /api/v1/account: cash, buying power, reservations, positions marked to market, today's
// P&L, and every limit with its current usage.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Accounts;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public sealed record AccountResponse(
    string TraderId,
    decimal Cash,
    decimal Reserved,
    decimal BuyingPower,
    string TradingDay,
    decimal RealisedPnlToday,
    decimal UnrealisedPnl,
    bool TradingHalted,
    string? GlobalHaltReason,
    IReadOnlyList<PositionResponse> Positions,
    IReadOnlyList<LimitUsage> Limits)
{
    public static AccountResponse From(Ledger ledger, IMarketData market, DateOnly today, TradingControls controls)
    {
        var positions = ledger.Positions.Where(p => p.Quantity != 0).OrderBy(p => p.Symbol.Value, StringComparer.Ordinal)
            .Select(p => PositionResponse.From(p, LedgerValuation.MarkOf(p, market))).ToList();
        var unrealised = positions.Sum(p => p.UnrealisedPnl);
        var realised = ledger.RealisedOn(today);
        return new(ledger.Account.TraderId.Value, ledger.Account.Cash, ledger.Reserved, ledger.BuyingPower,
            today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), realised, unrealised,
            ledger.Account.TradingHalted, controls.HaltReason, positions, LimitUsage.For(ledger, positions, Math.Max(0m, -(realised + unrealised))));
    }
}

public sealed record PositionResponse(string Symbol, long Quantity, decimal AverageCost, decimal MarketPrice, decimal MarketValue, decimal UnrealisedPnl)
{
    public static PositionResponse From(Position p, decimal mark) =>
        new(p.Symbol.Value, p.Quantity, p.AverageCost, mark, p.Quantity * mark, p.UnrealisedAt(mark));
}

/// <param name="Current">How much of the limit is used now (null where a limit applies per order).</param>
public sealed record LimitUsage(string Name, decimal? Limit, decimal? Current, string Unit)
{
    public static IReadOnlyList<LimitUsage> For(Ledger ledger, IReadOnlyList<PositionResponse> positions, decimal lossToday)
    {
        var l = ledger.Account.Limits;
        return
        [
            new("max_position_shares", l?.MaxPositionShares, positions.Count == 0 ? 0 : positions.Max(p => Math.Abs(p.Quantity)), "shares per symbol"),
            new("max_position_notional", l?.MaxPositionNotional, positions.Count == 0 ? 0 : positions.Max(p => Math.Abs(p.MarketValue)), "USD per symbol"),
            new("max_order_notional", l?.MaxOrderNotional, null, "USD per order"),
            new("max_open_orders", l?.MaxOpenOrders, ledger.OpenOrders.Count, "orders"),
            new("daily_loss_limit", l?.DailyLossLimit, lossToday, "USD"),
            new("short_selling_enabled", l is null ? null : l.ShortSellingEnabled ? 1 : 0, null, "1 = allowed"),
        ];
    }
}

/// <summary>PUT /api/v1/admin/accounts/{trader}: every field optional; what is sent replaces what is stored.</summary>
public sealed record AccountUpdateRequest(decimal? Cash, LimitsRequest? Limits, bool? TradingHalted);

public sealed record LimitsRequest(long? MaxPositionShares, decimal? MaxPositionNotional, decimal? MaxOrderNotional, int? MaxOpenOrders,
    decimal? DailyLossLimit, bool? ShortSellingEnabled);

public sealed record TradingHaltRequest(bool Halted, string? Reason);

public sealed record TradingHaltResponse(bool Halted, string? Reason);
