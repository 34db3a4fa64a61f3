// The api_keys table's SQL, one text for both providers (SQLite takes @name parameters too), and
// how a row is read back. Times are written as SqlText does (fixed-width ISO 8601), so comparing
// them as text compares the instants.
namespace Fillmore.Storage;

using System.Data.Common;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal static class ApiKeySql
{
    public const string Columns = "prefix, key_sha256, user_id, scope, label, created_at, created_by, expires_at, "
        + "revoked_at, last_used_at, replaced_by";

    public const string List = $"SELECT {Columns} FROM api_keys ORDER BY created_at, prefix";

    public const string Upsert = $"""
        INSERT INTO api_keys ({Columns})
        VALUES (@prefix, @key_sha256, @user_id, @scope, @label, @created_at, @created_by, @expires_at, @revoked_at,
            NULL, @replaced_by)
        ON CONFLICT (prefix) DO UPDATE SET key_sha256 = excluded.key_sha256, user_id = excluded.user_id,
            scope = excluded.scope, label = excluded.label, expires_at = excluded.expires_at,
            revoked_at = excluded.revoked_at, replaced_by = excluded.replaced_by
        """;

    public const string Touch = """
        UPDATE api_keys SET last_used_at = @at WHERE prefix = @prefix AND (last_used_at IS NULL OR last_used_at < @at)
        """;

    /// <summary>The parameters of <see cref="Upsert"/> for <paramref name="key"/>.</summary>
    public static IEnumerable<(string Name, object Value)> Parameters(ApiKeyRecord key) =>
    [
        ("prefix", key.Prefix), ("key_sha256", key.KeySha256), ("user_id", key.User.Value), ("scope", key.Scope),
        ("label", SqlText.OfNullable(key.Label)), ("created_at", SqlText.Of(key.CreatedAt)),
        ("created_by", key.CreatedBy), ("expires_at", Time(key.ExpiresAt)), ("revoked_at", Time(key.RevokedAt)),
        ("replaced_by", SqlText.OfNullable(key.ReplacedBy)),
    ];

    public static void Bind(DbCommand command, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    public static ApiKeyRecord Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), new TraderId(r.GetString(2)),
        r.GetString(3), Text(r, 4), SqlText.Time(r.GetString(5)), r.GetString(6), TimeOrNull(r, 7), TimeOrNull(r, 8),
        TimeOrNull(r, 9), Text(r, 10));

    private static object Time(DateTimeOffset? t) => t is { } v ? SqlText.Of(v) : DBNull.Value;

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? TimeOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : SqlText.Time(r.GetString(i));
}
