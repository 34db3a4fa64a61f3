// POST /api/v1/admin/api-keys: whose key (User), what it may do (Scope: trade, read-only, compliance,
// admin), and optionally what it is for (Label, at most 100 characters) and when it stops working.
namespace Fillmore.Client;

public sealed record ApiKeyRequest(string User, string Scope)
{
    public string? Label { get; init; }
    /// <summary>None: it works until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
