// Fixes the store's audit partition count at first use, and holds it: the first open creates one
// audit_heads row per partition (seq 0, the legacy segment's head as every partition's genesis);
// a later open with another count is refused, because a trader's entries must stay in one chain
// (moving traders between partitions would split their history). PostgreSQL nodes starting
// together create the rows under a transaction lock, so exactly one count wins.
namespace Fillmore.Storage;

using System.Data.Common;
using System.Globalization;
using System.Text;
using Fillmore.Core.Audit;

internal static class AuditHeadsSetup
{
    /// <exception cref="InvalidOperationException">The store was partitioned with another count.</exception>
    public static async Task EnsureAsync(DbConnection connection, int configured, string? lockSql,
        CancellationToken ct)
    {
        if (configured is < 1 or > AuditPartitioner.MaxPartitions)
            throw new InvalidOperationException("Fillmore:Audit:Partitions (FILLMORE_AUDIT_PARTITIONS) is "
                + $"{configured}; it must be between 1 and {AuditPartitioner.MaxPartitions}.");
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (lockSql is not null) await ScalarAsync(connection, tx, lockSql, ct).ConfigureAwait(false);
        var count = Convert.ToInt32(await ScalarAsync(connection, tx, "SELECT count(*) FROM audit_heads", ct)
            .ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (count == 0)
        {
            var genesis = Convert.ToString(await ScalarAsync(connection, tx,
                "SELECT head_hash FROM audit_legacy_head", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (genesis is not { Length: 64 } || !genesis.All(char.IsAsciiHexDigitLower))
                throw new InvalidOperationException("audit_legacy_head holds no legacy head hash: the audit "
                    + "partitions migration did not run completely.");
            var sql = new StringBuilder("INSERT INTO audit_heads (partition, seq, hash) VALUES ");
            for (var p = 0; p < configured; p++)
                sql.Append(CultureInfo.InvariantCulture, $"{(p == 0 ? "" : ", ")}({p}, 0, '{genesis}')");
            await ScalarAsync(connection, tx, sql.ToString(), ct).ConfigureAwait(false);
        }
        else
        {
            var last = Convert.ToInt32(await ScalarAsync(connection, tx, "SELECT max(partition) FROM audit_heads", ct)
                .ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (count != configured || last != count - 1)
                throw new InvalidOperationException($"The audit trail in this store has {count} partitions, fixed "
                    + $"when it was first used, but Fillmore:Audit:Partitions (FILLMORE_AUDIT_PARTITIONS) is "
                    + $"{configured}. A trader's entries must stay in one chain, so the count of an existing trail "
                    + $"cannot change: set it back to {count}.");
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The partition count recorded in the store.</summary>
    public static async Task<int> CountAsync(DbConnection connection, CancellationToken ct) =>
        Convert.ToInt32(await ScalarAsync(connection, null, "SELECT count(*) FROM audit_heads", ct)
            .ConfigureAwait(false), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql,
        CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }
}
