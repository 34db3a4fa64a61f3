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

    public static IEnumerable<(string Column, object? Value)> Values(AuditCheckpoint c) =>
    [
        ("created_at", SqlText.Of(c.CreatedAt)), ("head_id", c.HeadId), ("head_hash", c.HeadHash),
        ("key_id", c.KeyId), ("public_key", c.PublicKey), ("signature", c.Signature),
    ];

    public static AuditCheckpoint Read(DbDataReader r) =>
        new(r.GetInt64(0), SqlText.Time(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
            r.GetString(5), r.GetString(6));
}
