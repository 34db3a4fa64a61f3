// POST /api/v1/admin/api-keys: whose key, what it may do, an optional label and expiry.
namespace Fillmore.Api.Contracts;

/// <param name="User">The user the key authenticates as (for a trade key, the trader id that owns orders).</param>
/// <param name="Scope">trade, read-only, compliance or admin.</param>
public sealed record ApiKeyCreateRequest(string? User, string? Scope)
{
    /// <summary>What the key is for (shown in listings), at most 100 characters.</summary>
    public string? Label { get; init; }
    /// <summary>ISO 8601 time after which the key stops working; none: it works until revoked.</summary>
    public string? ExpiresAt { get; init; }
}
