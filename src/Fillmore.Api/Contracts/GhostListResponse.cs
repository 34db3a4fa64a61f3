// GET /api/v1/admin/ghosts: the ghost orders in the state asked for (open by default), oldest first.
namespace Fillmore.Api.Contracts;

public sealed record GhostListResponse(IReadOnlyList<GhostResponse> Data);
