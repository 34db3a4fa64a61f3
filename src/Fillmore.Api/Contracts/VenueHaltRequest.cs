// PUT /api/v1/admin/venues/{name}/halt: stop sending to a venue (with a reason), or resume it.
namespace Fillmore.Api.Contracts;

public sealed record VenueHaltRequest(bool Halted, string? Reason);
