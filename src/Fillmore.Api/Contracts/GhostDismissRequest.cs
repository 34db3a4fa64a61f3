// POST /api/v1/admin/ghosts/{id}/dismiss: why the administrator closes the ghost (required; it goes
// into the audit trail).
namespace Fillmore.Api.Contracts;

public sealed record GhostDismissRequest(string? Reason);
