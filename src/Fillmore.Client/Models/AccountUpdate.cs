// PUT /api/v1/admin/accounts/{trader}: each field sent replaces the stored one; null fields are left out.
// An account without limits gets all five numeric limits at once.
namespace Fillmore.Client;

public sealed record AccountUpdate
{
    public decimal? Cash { get; init; }
    public AccountLimits? Limits { get; init; }
    public decimal? DefaultMaxSlippageBps { get; init; }
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>True halts the trader (and cancels their open orders unless CancelOpenOrders is false).</summary>
    public bool? TradingHalted { get; init; }
    public string? Reason { get; init; }
    public bool? CancelOpenOrders { get; init; }
}
