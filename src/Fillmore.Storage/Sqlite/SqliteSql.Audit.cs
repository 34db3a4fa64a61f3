// The audit row's stored form, in one place for writing and for checking a row read back: each
// column holds exactly the canonical text (or integer) that the hash covers (docs/audit.md). A row
// whose stored values differ from that form, even where they would parse to the same value
// ('aapl', '190.10', an upper-case UUID), was edited and is reported as damaged.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Microsoft.Data.Sqlite;

internal static partial class SqliteSql
{
    /// <summary>The columns of AuditColumns, in order.</summary>
    public static readonly string[] AuditColumnNames =
        AuditColumns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] AuditParameterNames = AuditColumnNames.Select(c => "$" + c).ToArray();

    /// <summary>What each audit column stores for <paramref name="e"/> (null for SQL NULL), in AuditColumns
    /// order.</summary>
    public static object?[] AuditValues(AuditEntry e)
    {
        var r = e.Record;
        return
        [
            e.Id, r.OrderId.ToString(), r.TraderId.Value, ApiNames.Of(r.Action), ApiNames.OfOrNull(r.Status),
            r.Symbol?.Value, ApiNames.OfOrNull(r.Side), r.Quantity, r.Price is { } p ? SqlText.Of(p) : null, r.Venue,
            SqlText.Of(r.Timestamp), r.Reason, r.RetryAttempt is { } a ? (long)a : null, r.ErrorCode,
            ApiNames.OfOrNull(r.Path), ApiNames.Of(r.Actor), e.PreviousHash, e.Hash, (long?)e.Partition, e.PartitionSeq,
        ];
    }

    /// <summary>Reads a row of AuditColumns for the verifier: the entry, or what makes it unreadable.</summary>
    public static AuditRow ReadAuditRow(SqliteDataReader r)
    {
        var id = r.GetInt64(0);
        AuditEntry entry;
        try
        {
            entry = ReadAudit(r);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException
            or OverflowException)
        {
            return AuditRow.Damaged(id, ex.Message, Place(r, 18, i => checked((int)Convert.ToInt64(r.GetValue(i),
                System.Globalization.CultureInfo.InvariantCulture))), Place(r, 19, i => Convert.ToInt64(r.GetValue(i),
                System.Globalization.CultureInfo.InvariantCulture)));
        }
        var expected = AuditValues(entry);
        for (var i = 1; i < expected.Length; i++)
        {
            var stored = r.IsDBNull(i) ? null : r.GetValue(i);
            if (!Equals(stored, expected[i]))
                return AuditRow.Damaged(id,
                    $"{AuditColumnNames[i]} is {Show(stored)} where Fillmore writes {Show(expected[i])}",
                    entry.Partition, entry.PartitionSeq);
        }
        return AuditOrderKey.Damage(r, AuditColumnNames.Length, entry) is { } damage
            ? AuditRow.Damaged(id, damage, entry.Partition, entry.PartitionSeq)
            : AuditRow.Of(entry);
    }

    /// <param name="orderKeys">Whether the table has order keys to check (a file from before them has none).</param>
    public static async Task<IReadOnlyList<AuditRow>> ReadAuditChainAsync(SqliteConnection connection, long afterId,
        int limit, CancellationToken ct, bool orderKeys = true)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {AuditColumns}{(orderKeys ? AuditOrderKey.Columns : "")} FROM execution_log "
            + "WHERE id > $after ORDER BY id LIMIT $limit";
        cmd.Parameters.AddWithValue("$after", afterId);
        cmd.Parameters.AddWithValue("$limit", limit);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<AuditRow>(Math.Min(limit, 4096));
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(ReadAuditRow(reader));
        return rows;
    }

    // A damaged row's place as stored, where it can still be read.
    private static T? Place<T>(SqliteDataReader r, int i, Func<int, T> read) where T : struct
    {
        try { return r.IsDBNull(i) ? null : read(i); }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException) { return null; }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{(s.Length > 40 ? s[..40] + "…" : s)}'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
