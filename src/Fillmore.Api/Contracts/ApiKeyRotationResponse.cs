// POST /api/v1/admin/api-keys/{id}/rotate: the new key (with the key itself, shown once) and the
// old one as it is now (revoked, or expiring at the end of the grace period).
namespace Fillmore.Api.Contracts;

public sealed record ApiKeyRotationResponse(ApiKeyResponse Key, ApiKeyResponse Replaced);
