// Creates, rotates and revokes API keys. Each is one store change: the key rows and a control entry
// in the audit trail naming the administrator (never the key: only its public prefix), committed
// together, then put in this node's cache. The key itself exists only in the answer to the create or
// rotate request; what is stored is its SHA-256, encrypted (SealedApiKeys) like the label. The
// audit entry names neither: the chain is not encrypted (docs/security.md).
namespace Fillmore.Api.Auth;

using System.Globalization;
using Fillmore.Api.Security;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class ApiKeyService(IOrderStore store, ApiKeyCache cache, FieldCipher cipher, TimeProvider time)
{
    /// <summary>A new key for <paramref name="user"/>; the key in clear is returned once, here.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(TraderId user, string scope, string? label,
        DateTimeOffset? expiresAt, string admin, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (prefix, key) = ApiKeyFormat.Generate();
        var record = new ApiKeyRecord(prefix, Convert.ToHexStringLower(ApiKeyFormat.Sha256(key)), user, scope, label,
            now, admin, expiresAt, null, null, null);
        var entry = Entry(AuditAction.ApiKeyCreated, record, now,
            $"API key {prefix} created for {user} by {admin}: scope {scope}, {Expiry(expiresAt)}.");
        await CommitAsync([record], entry, ct).ConfigureAwait(false);
        return (record, key);
    }

    /// <summary>
    /// A new key with the old one's user, scope, label and expiry; the old key keeps working for
    /// <paramref name="grace"/> (zero: it stops now), so a client can switch without a gap.
    /// </summary>
    public async Task<(ApiKeyRecord Old, ApiKeyRecord New, string Key)> RotateAsync(ApiKeyRecord old, TimeSpan grace,
        string admin, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (prefix, key) = ApiKeyFormat.Generate();
        var replacement = old with
        {
            Prefix = prefix, KeySha256 = Convert.ToHexStringLower(ApiKeyFormat.Sha256(key)), CreatedAt = now,
            CreatedBy = admin, LastUsedAt = null,
        };
        var until = now + grace;
        var retired = grace == TimeSpan.Zero ? old with { RevokedAt = now, ReplacedBy = prefix }
            : old with { ExpiresAt = old.ExpiresAt is { } e && e < until ? e : until, ReplacedBy = prefix };
        var entry = Entry(AuditAction.ApiKeyRotated, replacement, now,
            $"API key {old.Prefix} of {old.User} rotated by {admin}: replaced by {prefix}; the old key "
                + (grace == TimeSpan.Zero ? "stopped working at once."
                    : $"works until {Iso(retired.ExpiresAt!.Value)}."));
        await CommitAsync([retired, replacement], entry, ct).ConfigureAwait(false);
        return (retired, replacement, key);
    }

    public async Task<ApiKeyRecord> RevokeAsync(ApiKeyRecord key, string? reason, string admin, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var revoked = key with { RevokedAt = now };
        var entry = Entry(AuditAction.ApiKeyRevoked, revoked, now,
            $"API key {key.Prefix} of {key.User} revoked by {admin}"
                + (string.IsNullOrWhiteSpace(reason) ? "." : $": {reason.Trim()}."));
        await CommitAsync([revoked], entry, ct).ConfigureAwait(false);
        return revoked;
    }

    private async Task CommitAsync(IReadOnlyList<ApiKeyRecord> keys, AuditRecord entry, CancellationToken ct)
    {
        var sealedKeys = keys.Select(k => SealedApiKeys.Seal(cipher, k)).ToList();
        var result = await store.CommitAsync(new ApiKeyChange(sealedKeys, [entry]), ct).ConfigureAwait(false);
        if (!result.Ok) throw new InvalidOperationException($"The store refused an API key change: {result.Status}.");
        cache.Put(keys);
    }

    private static AuditRecord Entry(AuditAction action, ApiKeyRecord key, DateTimeOffset now, string reason) =>
        AuditRecord.Control(action, key.User, "*", Actor.Admin, now, reason, null);

    private static string Expiry(DateTimeOffset? at) => at is { } t ? $"expires {Iso(t)}" : "no expiry";

    private static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
