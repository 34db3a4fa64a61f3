// What Microsoft.Data.Sqlite adds to each statement the writer runs (--driver): one audit-trail row
// (18 columns, the table's real indexes, on a freshly migrated store) inserted through a prepared,
// reused SqliteCommand whose parameter values change per row, as SqliteBatchSession does, against
// the same statement through SQLitePCLRaw directly (bound by position, stepped, reset). Both run
// inside one open transaction, so no commit or fsync is timed: only the per-statement work.
namespace Fillmore.Bench.Micro;

using System.Diagnostics;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

public static class DriverOverheadBench
{
    private const int Rows = 100_000;

    private static readonly string[] Columns =
    [
        "id", "order_id", "trader_id", "action", "status", "symbol", "side", "quantity", "price", "venue", "timestamp", "reason",
        "retry_attempt", "error_code", "execution_path", "actor", "prev_hash", "hash",
    ];

    private static readonly string Insert =
        $"INSERT INTO execution_log ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";

    public static void Run()
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-driver-bench-").FullName;
        try
        {
            var path = Path.Combine(dir, "d.db");
            SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = path }, new NoSubscribers(), TimeProvider.System).GetAwaiter().GetResult().Dispose();
            using var connection = new SqliteConnection($"Data Source={path}");
            connection.Open();
            var next = 0L;
            for (var round = 1; round <= 3; round++)
            {
                var viaDriver = Time(connection, () => ViaDriver(connection, ref next));
                var direct = Time(connection, () => Direct(connection, ref next));
                Console.WriteLine($"round {round}: Microsoft.Data.Sqlite {viaDriver:F2} µs per insert, SQLitePCLRaw directly {direct:F2} µs " +
                    $"(the driver adds {viaDriver - direct:F2} µs, {100 * (viaDriver - direct) / viaDriver:F0} %)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Time(SqliteConnection connection, Action inserts)
    {
        using var tx = connection.BeginTransaction();
        var clock = Stopwatch.StartNew();
        inserts();
        var perRow = clock.Elapsed.TotalMicroseconds / Rows;
        tx.Commit();
        return perRow;
    }

    // The values of one audit row: an order of one of 64 traders, nullable columns null, as an ACKNOWLEDGED entry has them.
    private static object Value(int column, long id) => Columns[column] switch
    {
        "id" => id,
        "quantity" => 1L,
        "trader_id" => $"bot-{id % 64:D4}",
        "order_id" => $"00000000-0000-4000-8000-{id:D12}",
        "timestamp" => "2026-11-24T10:00:00.0000000Z",
        "prev_hash" or "hash" => "9f2b5c0d3e7a41d6b8c2e0f4a6d8b1c3e5f7092b4d6f8a1c3e5b7d9f0a2c4e6b",
        "reason" or "retry_attempt" or "error_code" or "price" => DBNull.Value,
        _ => "ACKNOWLEDGED",
    };

    private static void ViaDriver(SqliteConnection connection, ref long next)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Insert;
        foreach (var column in Columns) cmd.Parameters.Add(new SqliteParameter("$" + column, null));
        for (var row = 0; row < Rows; row++)
        {
            var id = ++next;
            for (var c = 0; c < Columns.Length; c++) cmd.Parameters["$" + Columns[c]].Value = Value(c, id);
            cmd.ExecuteNonQuery();
        }
    }

    private static void Direct(SqliteConnection connection, ref long next)
    {
        var db = connection.Handle!;
        if (raw.sqlite3_prepare_v3(db, Insert, raw.SQLITE_PREPARE_PERSISTENT, out var stmt) != raw.SQLITE_OK)
            throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
        using (stmt)
        {
            for (var row = 0; row < Rows; row++)
            {
                var id = ++next;
                for (var c = 0; c < Columns.Length; c++)
                {
                    _ = Value(c, id) switch
                    {
                        long n => raw.sqlite3_bind_int64(stmt, c + 1, n),
                        string s => raw.sqlite3_bind_text(stmt, c + 1, s),
                        _ => raw.sqlite3_bind_null(stmt, c + 1),
                    };
                }
                if (raw.sqlite3_step(stmt) != raw.SQLITE_DONE) throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
                raw.sqlite3_reset(stmt);
            }
        }
    }
}
