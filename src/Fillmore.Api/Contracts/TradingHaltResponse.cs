// The global halt after PUT /api/v1/admin/trading-halt: whether trading is halted, why, and how
// many open orders the halt cancelled (each has its own audit entry).
namespace Fillmore.Api.Contracts;

public sealed record TradingHaltResponse(bool Halted, string? Reason)
{
    public int OrdersCancelled { get; init; }
}
