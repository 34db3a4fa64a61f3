// The global halt after PUT /api/v1/admin/trading-halt: whether trading is halted, and why.
namespace Fillmore.Api.Contracts;

public sealed record TradingHaltResponse(bool Halted, string? Reason);
