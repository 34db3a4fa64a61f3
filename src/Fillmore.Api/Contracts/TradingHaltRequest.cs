// PUT /api/v1/admin/trading-halt: halt trading for everyone (with a reason), or resume it.
namespace Fillmore.Api.Contracts;

public sealed record TradingHaltRequest(bool Halted, string? Reason);
