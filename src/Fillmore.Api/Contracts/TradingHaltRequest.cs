// PUT /api/v1/admin/trading-halt: halt trading for everyone (with a reason), or resume it. A halt
// cancels every open and held order unless cancel_open_orders is false (then it only blocks).
namespace Fillmore.Api.Contracts;

public sealed record TradingHaltRequest(bool Halted, string? Reason)
{
    public bool? CancelOpenOrders { get; init; }
}
