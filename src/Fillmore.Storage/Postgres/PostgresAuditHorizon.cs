// How far the audit trail can be read in id order without passing an entry that is not visible
// yet. Ids come from a sequence and writers of different partitions commit in any order, so entry
// 103 can become visible after 105: a reader that paged to 105 would never see 103 (a listing that
// skips it, a verifier that reports its partition's next entry as a gap). What makes it decidable:
// a writer takes ids only after it has locked its partitions' audit_heads rows (FOR UPDATE), and
// holds them until it commits, so every in-flight writer holding ids is the xmax of a visible head.
// In one snapshot: the highest visible id, and those writers (xmax of a head, still in progress in
// that snapshot). Every id at or below that highest one is visible already, or belongs to one of
// them (a later writer's ids are higher). Once they have ended, every id up to it is settled.
// Needs only SELECT on execution_log and audit_heads and works in a read-only session (the
// verifier's), where SELECT ... FOR SHARE is refused. The wait is on the database server's clock,
// not the engine's business time, so it uses real time even where a test fakes the engine's.
namespace Fillmore.Storage.Postgres;

using System.Diagnostics;
using Npgsql;

internal static class PostgresAuditHorizon
{
    /// <summary>How long a reader waits for in-flight writers before it gives up: a commit holds its
    /// partitions for milliseconds; a writer that holds one this long is stuck.</summary>
    public static readonly TimeSpan MostWait = TimeSpan.FromSeconds(30);

    // xid8 values of the snapshot's in-progress transactions whose 32-bit xid locks or replaced a visible head.
    private const string SnapshotSql = """
        SELECT (SELECT COALESCE(max(id), 0) FROM execution_log),
               ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) AS x
                     WHERE (x::text::bigint % 4294967296) IN (SELECT xmax::text::bigint FROM audit_heads))
        """;

    private const string StillRunningSql = """
        SELECT ARRAY(SELECT x FROM unnest($1::bigint[]) AS x WHERE pg_xact_status(x::text::xid8) = 'in progress')
        """;

    /// <summary>The highest id below which every entry is visible, waiting for the writers that hold lower ones.
    /// </summary>
    /// <exception cref="TimeoutException">A writer held its partitions for longer than MostWait.</exception>
    public static async Task<long> SettledAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        long highest;
        long[] writers;
        await using (var cmd = new NpgsqlCommand(SnapshotSql, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            highest = reader.GetInt64(0);
            writers = reader.GetFieldValue<long[]>(1);
        }
        var started = Stopwatch.GetTimestamp();
        while (writers.Length > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > MostWait)
                throw new TimeoutException($"The audit trail is not settled: {writers.Length} writer(s) held their "
                    + $"partitions for over {MostWait.TotalSeconds:N0} s (transactions {string.Join(", ", writers)}).");
            await Task.Delay(TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
            writers = await StillRunningAsync(connection, writers, ct).ConfigureAwait(false);
        }
        return highest;
    }

    private static async Task<long[]> StillRunningAsync(NpgsqlConnection connection, long[] writers,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(StillRunningSql, connection)
        {
            Parameters = { new() { Value = writers } },
        };
        return (long[])(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
