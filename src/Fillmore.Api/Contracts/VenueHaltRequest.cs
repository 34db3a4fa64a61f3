// PUT /api/v1/admin/venues/{name}/halt: stop sending to a venue (with a reason), or resume it.
// Halted is nullable so that a body without it is refused (FIELD_REQUIRED), never read as false.
namespace Fillmore.Api.Contracts;

public sealed record VenueHaltRequest(bool? Halted, string? Reason);
