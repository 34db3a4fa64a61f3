// GET /api/v1/admin/api-keys: every key created through the admin API, newest first.
namespace Fillmore.Api.Contracts;

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> Keys);
