// The order key of an audit entry (order_row: the row number of the order it names) is the store's
// index key, outside the hash, so the chain alone would not see it changed: an entry moved to
// another order's trail, or hidden from its own by a key set to NULL. The verifier reads each
// entry with Columns and compares the stored key with the row number of the order the entry names
// (NULL when it names none), on every provider (docs/audit.md, "Order keys").
namespace Fillmore.Storage;

using System.Data.Common;
using Fillmore.Core.Audit;

internal static class AuditOrderKey
{
    /// <summary>Appended to a SELECT of execution_log's audit columns: the stored key, then the expected one.</summary>
    public const string Columns = ", order_row, (SELECT o.row_no FROM orders o WHERE o.id = execution_log.order_id)";

    /// <summary>What is wrong with the key read at <paramref name="at"/> (and the expected one after it); null
    /// when it is right or was not read.</summary>
    public static string? Damage(DbDataReader r, int at, AuditEntry entry)
    {
        if (r.FieldCount < at + 2) return null;
        var stored = r.IsDBNull(at) ? null : r.GetValue(at);
        var expected = r.IsDBNull(at + 1) ? null : r.GetValue(at + 1);
        return Equals(stored, expected) ? null
            : $"order_row is {Show(stored)} where Fillmore writes {Show(expected)} (the row of order "
                + $"{entry.Record.OrderId})";
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{(s.Length > 40 ? s[..40] + "…" : s)}'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
