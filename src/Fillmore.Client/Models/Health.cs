// GET /api/v1/health: the process answers, with its clock's time.
namespace Fillmore.Client;

public sealed record Health(string Status, DateTimeOffset Timestamp);
