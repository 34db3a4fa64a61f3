// The persisted account row: cash, limits, the trader's own halt switch, and a version that
// every ledger-changing commit bumps (so concurrent writers on several nodes conflict instead
// of jointly overspending).
namespace Fillmore.Core.Accounts;

using Fillmore.Core.Orders;

public sealed record Account(TraderId TraderId, decimal Cash, RiskLimits? Limits, bool TradingHalted, long Version)
{
    /// <summary>The slippage limit (basis points) an order of this account gets when it gives none.</summary>
    public decimal? DefaultMaxSlippageBps { get; init; }
    /// <summary>The most slippage an order of this account may accept (basis points); an order asking for more is
    /// refused.</summary>
    public decimal? MaxSlippageBps { get; init; }

    /// <summary>An account that does not exist yet (version 0): created by its first commit.</summary>
    public static Account Unfunded(TraderId trader) => new(trader, 0m, null, false, 0);

    public Account Bumped() => this with { Version = Version + 1 };
}
