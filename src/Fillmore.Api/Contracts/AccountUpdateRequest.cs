// PUT /api/v1/admin/accounts/{trader}: fund an account, set its limits and slippage limits, halt
// or resume it (a halt cancels its open orders unless cancel_open_orders is false).
namespace Fillmore.Api.Contracts;

/// <summary>PUT /api/v1/admin/accounts/{trader}: every field optional; what is sent replaces what is stored.</summary>
public sealed record AccountUpdateRequest(decimal? Cash, LimitsRequest? Limits, bool? TradingHalted)
{
    /// <summary>Why the account is halted (recorded on the halt's entry and on each order it cancels).</summary>
    public string? Reason { get; init; }
    public bool? CancelOpenOrders { get; init; }
    /// <summary>The slippage limit a market order of this account gets when it gives none.</summary>
    public decimal? DefaultMaxSlippageBps { get; init; }
    /// <summary>The most slippage an order of this account may accept.</summary>
    public decimal? MaxSlippageBps { get; init; }
}
