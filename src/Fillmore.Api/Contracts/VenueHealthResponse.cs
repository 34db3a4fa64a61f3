// One venue in GET /api/v1/health: whether it answers requests (reachable), whether its report
// stream or session is up (connected), when a report and any answer last came, and a note.
namespace Fillmore.Api.Contracts;

/// <param name="Kind">paper (in process), exchange (its own process) or fix.</param>
public sealed record VenueHealthResponse(string Name, string Kind, bool Reachable, bool Connected,
    DateTime? LastReportAt, DateTime? LastContactAt, string? Detail);
