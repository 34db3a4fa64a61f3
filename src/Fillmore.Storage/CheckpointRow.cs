// An audit checkpoint as a row of audit_checkpoints, once for both providers: the columns, the
// insert (seq comes from the table), and the checkpoint read back from a row.
namespace Fillmore.Storage;

using System.Data.Common;
using Fillmore.Core.Audit;

internal static class CheckpointRow
{
    private static readonly string[] Written =
        ["created_at", "head_id", "head_hash", "key_id", "public_key", "signature"];

    public static string Columns => "seq, " + string.Join(", ", Written);

    public static string Insert(Func<string, string> parameter) =>
        $"INSERT INTO audit_checkpoints ({string.Join(", ", Written)}) "
        + $"VALUES ({string.Join(", ", Written.Select(parameter))})";

    /// <summary>The chain's head: the last audit entry's id and hash.</summary>
    public const string HeadSql = "SELECT id, hash FROM execution_log ORDER BY id DESC LIMIT 1";

    public static string LatestSql => $"SELECT {Columns} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1";

    /// <summary>Checkpoints after a seq, oldest first, with parameters "after" and "limit" named by
    /// <paramref name="parameter"/>.</summary>
    public static string ListSql(Func<string, string> parameter) =>
        $"SELECT {Columns} FROM audit_checkpoints WHERE seq > {parameter("after")} ORDER BY seq "
        + $"LIMIT {parameter("limit")}";

    public static (long Id, string Hash)? ReadHead(DbDataReader r) => (r.GetInt64(0), r.GetString(1));

    public static IEnumerable<(string Column, object? Value)> Values(AuditCheckpoint c) =>
    [
        ("created_at", SqlText.Of(c.CreatedAt)), ("head_id", c.HeadId), ("head_hash", c.HeadHash),
        ("key_id", c.KeyId), ("public_key", c.PublicKey), ("signature", c.Signature),
    ];

    public static AuditCheckpoint Read(DbDataReader r) =>
        new(r.GetInt64(0), SqlText.Time(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
            r.GetString(5), r.GetString(6));
}
