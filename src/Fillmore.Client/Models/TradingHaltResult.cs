// The global halt after PUT /api/v1/admin/trading-halt, with how many open orders it cancelled.
namespace Fillmore.Client;

public sealed record TradingHaltResult(bool Halted, string? Reason, int OrdersCancelled);
