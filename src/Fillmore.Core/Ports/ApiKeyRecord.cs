// One API key as the store keeps it: never the key itself, only its SHA-256 and the public prefix
// that names it (the part of the key before the secret, safe to show and to log). A key is valid
// while it is neither revoked nor expired; a rotated key names the key that replaced it.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

/// <param name="Prefix">The key's public id (e.g. fmk_3f9a1c2b7d4e): its first characters.</param>
/// <param name="KeySha256">Lower-case hex SHA-256 of the whole key.</param>
/// <param name="Scope">trade, read-only, compliance or admin (ApiKeyScopes).</param>
/// <param name="CreatedBy">Who created it: "administrator NAME".</param>
public sealed record ApiKeyRecord(
    string Prefix,
    string KeySha256,
    TraderId User,
    string Scope,
    string? Label,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string? ReplacedBy)
{
    /// <summary>Whether the key authenticates at <paramref name="now"/>.</summary>
    public bool ValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
