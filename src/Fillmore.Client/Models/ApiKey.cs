// An API key as the admin API shows it (GET /api/v1/admin/api-keys): its public id (the key's prefix),
// never its hash. Key is the key itself, only in the answer that made it (create, rotate): shown once.
namespace Fillmore.Client;

public sealed record ApiKey
{
    public string Id { get; init; } = "";
    public string User { get; init; } = "";
    /// <summary>trade, read-only, compliance or admin.</summary>
    public string Scope { get; init; } = "";
    public string? Label { get; init; }
    /// <summary>ACTIVE, EXPIRED or REVOKED.</summary>
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    /// <summary>The key that replaced this one when it was rotated.</summary>
    public string? ReplacedBy { get; init; }
    public string? Key { get; init; }
}
