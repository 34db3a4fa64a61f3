// PUT /api/v1/admin/trading-halt: halt trading for everyone (with a reason), or resume it. A halt
// cancels every open and held order unless cancel_open_orders is false (then it only blocks).
// Halted is nullable so that a body without it is refused (FIELD_REQUIRED) instead of read as
// false, which would lift the kill switch.
namespace Fillmore.Api.Contracts;

public sealed record TradingHaltRequest(bool? Halted, string? Reason)
{
    public bool? CancelOpenOrders { get; init; }
}
