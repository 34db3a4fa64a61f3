// GET /api/v1/account: cash, buying power, reservations, positions marked to market, today's P&L and
// every limit with its usage.
namespace Fillmore.Client;

public sealed record Account
{
    public string TraderId { get; init; } = "";
    public decimal Cash { get; init; }
    /// <summary>Cash held by open buy orders.</summary>
    public decimal Reserved { get; init; }
    public decimal BuyingPower { get; init; }
    /// <summary>yyyy-MM-dd in the exchange time zone.</summary>
    public string TradingDay { get; init; } = "";
    public decimal RealisedPnlToday { get; init; }
    public decimal UnrealisedPnl { get; init; }
    public bool TradingHalted { get; init; }
    public string? GlobalHaltReason { get; init; }
    public IReadOnlyList<Position> Positions { get; init; } = [];
    public IReadOnlyList<LimitUsage> Limits { get; init; } = [];
    public decimal? DefaultMaxSlippageBps { get; init; }
    public decimal? MaxSlippageBps { get; init; }
}
