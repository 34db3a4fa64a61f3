// An API key as the admin API shows it: its public id (the prefix), never its hash. `key` is the
// key itself, present only in the answer that created it (create or rotate): it is shown once.
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;
using Fillmore.Core.Ports;

public sealed record ApiKeyResponse(string Id, string User, string Scope, string? Label, string Status,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, string? ReplacedBy)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    public static ApiKeyResponse From(ApiKeyRecord k, DateTimeOffset now, string? key = null) =>
        new(k.Prefix, k.User.Value, k.Scope, k.Label,
            k.RevokedAt is not null ? "REVOKED" : k.ValidAt(now) ? "ACTIVE" : "EXPIRED",
            k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.ReplacedBy) { Key = key };
}
