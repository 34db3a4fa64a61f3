// GET /api/v1/health: the process answers, with its clock's time.
namespace Fillmore.Api.Contracts;

public sealed record HealthResponse(string Status, DateTime Timestamp);
