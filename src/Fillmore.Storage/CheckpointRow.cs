// An audit checkpoint as a row of audit_checkpoints, once for both providers: the columns, the
// insert (seq comes from the table), and the checkpoint read back from a row. A version 2 row also
// holds the partition count, the legacy head and the partition heads it signs (heads: one
// "partition:seq:hash" per head, separated by ";", in partition order).
namespace Fillmore.Storage;

using System.Data.Common;
using System.Globalization;
using Fillmore.Core.Audit;

internal static class CheckpointRow
{
    private static readonly string[] Written =
    [
        "created_at", "head_id", "head_hash", "key_id", "public_key", "signature", "version", "partitions",
        "legacy_head_id", "legacy_head_hash", "heads",
    ];

    public static string Columns => "seq, " + string.Join(", ", Written);

    public static string Insert(Func<string, string> parameter) =>
        $"INSERT INTO audit_checkpoints ({string.Join(", ", Written)}) "
        + $"VALUES ({string.Join(", ", Written.Select(parameter))})";

    /// <summary>The legacy head and every partition's head in one statement (one snapshot of committed
    /// heads).</summary>
    public const string HeadsSql = """
        SELECT -1, l.head_id, l.head_hash FROM audit_legacy_head AS l
        UNION ALL SELECT h.partition, h.seq, h.hash FROM audit_heads AS h
        ORDER BY 1
        """;

    public static string LatestSql => $"SELECT {Columns} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1";

    /// <summary>Checkpoints after a seq, oldest first, with parameters "after" and "limit" named by
    /// <paramref name="parameter"/>.</summary>
    public static string ListSql(Func<string, string> parameter) =>
        $"SELECT {Columns} FROM audit_checkpoints WHERE seq > {parameter("after")} ORDER BY seq "
        + $"LIMIT {parameter("limit")}";

    public static AuditHead ReadHead(DbDataReader r) =>
        new(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetInt64(1), r.GetString(2));

    /// <summary>The rows of HeadsSql as the trail's state.</summary>
    public static AuditHeadSet HeadSet(IReadOnlyList<AuditHead> rows, int partitions)
    {
        var legacy = rows.Single(r => r.Partition == -1);
        return new AuditHeadSet(partitions, legacy.Seq, legacy.Hash, rows.Where(r => r.Partition >= 0).ToList());
    }

    public static IEnumerable<(string Column, object? Value)> Values(AuditCheckpoint c) =>
    [
        ("created_at", SqlText.Of(c.CreatedAt)), ("head_id", c.HeadId), ("head_hash", c.HeadHash),
        ("key_id", c.KeyId), ("public_key", c.PublicKey), ("signature", c.Signature), ("version", c.Version),
        ("partitions", c.Version == AuditCheckpoint.Partitioned ? c.Partitions : null),
        ("legacy_head_id", c.Version == AuditCheckpoint.Partitioned ? c.LegacyHeadId : null),
        ("legacy_head_hash", c.LegacyHeadHash),
        ("heads", c.Version == AuditCheckpoint.Partitioned ? FormatHeads(c.Heads) : null),
    ];

    public static AuditCheckpoint Read(DbDataReader r) =>
        new(r.GetInt64(0), SqlText.Time(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
            r.GetString(5), r.GetString(6))
        {
            Version = Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture),
            Partitions = r.IsDBNull(8) ? 0 : Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture),
            LegacyHeadId = r.IsDBNull(9) ? 0 : r.GetInt64(9),
            LegacyHeadHash = r.IsDBNull(10) ? null : r.GetString(10),
            Heads = r.IsDBNull(11) ? [] : ParseHeads(r.GetString(11)),
        };

    private static string FormatHeads(IReadOnlyList<AuditHead> heads) =>
        string.Join(";", heads.Select(h => string.Create(CultureInfo.InvariantCulture,
            $"{h.Partition}:{h.Seq}:{h.Hash}")));

    private static List<AuditHead> ParseHeads(string text) =>
        text.Length == 0 ? [] : text.Split(';').Select(head => head.Split(':')).Select(parts => new AuditHead(
            int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture),
            parts[2])).ToList();
}
