// GET /api/v1/admin/ghosts: every ghost order reported so far.
namespace Fillmore.Api.Contracts;

public sealed record GhostListResponse(IReadOnlyList<GhostResponse> Data);
