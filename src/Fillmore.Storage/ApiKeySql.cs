// The api_keys and data_keys tables' SQL, one text for both providers (SQLite takes @name parameters too), and
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

    public const string Secrets = "UPDATE api_keys SET key_sha256 = @key_sha256, label = @label WHERE prefix = @prefix";

    public const string DataKeyColumns = "id, wrapped, master_key_id, created_at";

    public const string ListDataKeys = $"SELECT {DataKeyColumns} FROM data_keys ORDER BY created_at, id";

    public const string UpsertDataKey = $"""
        INSERT INTO data_keys ({DataKeyColumns}) VALUES (@id, @wrapped, @master_key_id, @created_at)
        ON CONFLICT (id) DO UPDATE SET wrapped = excluded.wrapped, master_key_id = excluded.master_key_id
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

    public static IEnumerable<(string Name, object Value)> SecretParameters(ApiKeyRecord key) =>
        [("prefix", key.Prefix), ("key_sha256", key.KeySha256), ("label", SqlText.OfNullable(key.Label))];

    public static IEnumerable<(string Name, object Value)> Parameters(DataKeyRecord key) =>
        [("id", key.Id), ("wrapped", key.Wrapped), ("master_key_id", key.MasterKeyId),
            ("created_at", SqlText.Of(key.CreatedAt))];

    public static DataKeyRecord ReadDataKey(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), SqlText.Time(r.GetString(3)));

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

    private static DateTimeOffset? TimeOrNull(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : SqlText.Time(r.GetString(i));
}
