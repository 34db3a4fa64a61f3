// POST /api/v1/admin/api-keys/{id}/rotate: the new key (with the key itself, shown once) and the one it
// replaced as it is now (revoked, or expiring at the end of the grace period).
namespace Fillmore.Client;

public sealed record ApiKeyRotation
{
    public ApiKey Key { get; init; } = new();
    public ApiKey Replaced { get; init; } = new();
}
