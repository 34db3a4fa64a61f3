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
    /// <summary>The slippage limit a market order gets when it gives none (basis points).</summary>
    public decimal? DefaultMaxSlippageBps { get; init; }
    /// <summary>The most slippage an order may accept (basis points).</summary>
    public decimal? MaxSlippageBps { get; init; }

    public static AccountResponse From(Ledger ledger, IMarketData market, DateOnly today, TradingControls controls)
    {
        var positions = ledger.Positions.Where(p => p.Quantity != 0)
            .OrderBy(p => p.Symbol.Value, StringComparer.Ordinal)
            .Select(p => PositionResponse.From(p, LedgerValuation.MarkOf(p, market))).ToList();
        var unrealised = positions.Sum(p => p.UnrealisedPnl);
        var realised = ledger.RealisedOn(today);
        return new(ledger.Account.TraderId.Value, ledger.Account.Cash, ledger.Reserved, ledger.BuyingPower,
            today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), realised, unrealised,
            ledger.Account.TradingHalted, controls.HaltReason, positions,
            LimitUsage.For(ledger, positions, Math.Max(0m, -(realised + unrealised))))
        {
            DefaultMaxSlippageBps = ledger.Account.DefaultMaxSlippageBps,
            MaxSlippageBps = ledger.Account.MaxSlippageBps,
        };
    }
}
