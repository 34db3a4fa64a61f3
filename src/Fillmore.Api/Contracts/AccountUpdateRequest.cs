// PUT /api/v1/admin/accounts/{trader}: fund an account, set its limits, halt or resume it.
namespace Fillmore.Api.Contracts;

/// <summary>PUT /api/v1/admin/accounts/{trader}: every field optional; what is sent replaces what is stored.</summary>
public sealed record AccountUpdateRequest(decimal? Cash, LimitsRequest? Limits, bool? TradingHalted);
