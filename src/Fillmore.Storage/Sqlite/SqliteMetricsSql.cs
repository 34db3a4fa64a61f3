// The SQL behind GET /api/v1/metrics/summary, one query per success criterion, over the orders
// created in [$from, $to) (timestamps as stored: yyyy-MM-ddTHH:mm:ss.fffffffZ). docs/metrics.md
// shows these same texts (a test keeps them identical), so anyone can run them with sqlite3.
namespace Fillmore.Storage.Sqlite;

public static class SqliteMetricsSql
{
    /// <summary>Orders sent to the venue at least once, and how many of them ended FAILED.</summary>
    public const string Reliability = """
        SELECT COUNT(*) AS sent,
               COALESCE(SUM(o.status = 'FAILED'), 0) AS failed
        FROM orders o
        WHERE o.created_at >= $from AND o.created_at < $to
          AND EXISTS (SELECT 1 FROM execution_log l WHERE l.order_row = o.row_no AND l.action = 'EXECUTED')
        """;

    /// <summary>Submit (SUBMITTED) to the venue's first confirmation (ACKNOWLEDGED or a fill), per order, in
    /// ms.</summary>
    public const string SubmitToConfirm = """
        WITH latency AS (
            SELECT ROUND((julianday(MIN(CASE WHEN l.action IN ('ACKNOWLEDGED', 'PARTIALLY_FILLED', 'FILLED')
                                             THEN l.timestamp END))
                        - julianday(MIN(CASE WHEN l.action = 'SUBMITTED' THEN l.timestamp END))) * 86400000.0, 1) AS ms
            FROM execution_log l JOIN orders o ON o.row_no = l.order_row
            WHERE o.created_at >= $from AND o.created_at < $to
            GROUP BY l.order_id
        ),
        ranked AS (
            SELECT ms, ROW_NUMBER() OVER (ORDER BY ms) AS rn, COUNT(*) OVER () AS n FROM latency WHERE ms IS NOT NULL
        )
        SELECT COUNT(*) AS orders,
               MIN(CASE WHEN rn >= (n * 50 + 99) / 100 THEN ms END) AS p50_ms,
               MIN(CASE WHEN rn >= (n * 95 + 99) / 100 THEN ms END) AS p95_ms,
               MIN(CASE WHEN rn >= (n * 99 + 99) / 100 THEN ms END) AS p99_ms,
               MAX(ms) AS max_ms
        FROM ranked
        """;

    /// <summary>The trader's cancel request (CANCEL_REQUESTED by TRADER) to CANCELLED, per order, in ms.</summary>
    public const string CancelToConfirm = """
        WITH latency AS (
            SELECT ROUND((julianday(MIN(CASE WHEN l.action = 'CANCELLED' THEN l.timestamp END))
                        - julianday(MIN(CASE WHEN l.action = 'CANCEL_REQUESTED' AND l.actor = 'TRADER'
                                             THEN l.timestamp END))) * 86400000.0, 1) AS ms
            FROM execution_log l JOIN orders o ON o.row_no = l.order_row
            WHERE o.created_at >= $from AND o.created_at < $to
            GROUP BY l.order_id
        ),
        ranked AS (
            SELECT ms, ROW_NUMBER() OVER (ORDER BY ms) AS rn, COUNT(*) OVER () AS n FROM latency WHERE ms IS NOT NULL
        )
        SELECT COUNT(*) AS orders,
               MIN(CASE WHEN rn >= (n * 50 + 99) / 100 THEN ms END) AS p50_ms,
               MIN(CASE WHEN rn >= (n * 95 + 99) / 100 THEN ms END) AS p95_ms,
               MIN(CASE WHEN rn >= (n * 99 + 99) / 100 THEN ms END) AS p99_ms,
               MAX(ms) AS max_ms
        FROM ranked
        """;

    /// <summary>
    /// Duplicates: one client order id on two orders of a trader; an order the venue acknowledged
    /// more often than it was (re)sent after a failure; one venue execution recorded twice.
    /// </summary>
    public const string Duplicates = """
        SELECT
          (SELECT COUNT(*) FROM (SELECT 1 FROM orders
              WHERE client_order_id IS NOT NULL AND created_at >= $from AND created_at < $to
              GROUP BY trader_id, client_order_id HAVING COUNT(*) > 1)) AS duplicate_client_order_ids,
          (SELECT COUNT(*) FROM (SELECT 1 FROM execution_log l JOIN orders o ON o.row_no = l.order_row
              WHERE o.created_at >= $from AND o.created_at < $to
              GROUP BY l.order_id
              HAVING SUM(l.action = 'ACKNOWLEDGED') > 1 + SUM(l.action = 'RESUBMITTED'))) AS orders_acknowledged_twice,
          (SELECT COUNT(*) FROM (SELECT 1 FROM fills f JOIN orders o ON o.row_no = f.order_row
              WHERE o.created_at >= $from AND o.created_at < $to
              GROUP BY f.venue, f.execution_id HAVING COUNT(*) > 1)) AS duplicate_fills
        """;

    /// <summary>
    /// Orders that reached the venue (acknowledged, or with fills), and how many of them have a
    /// complete trail: a SUBMITTED entry, an EXECUTED entry, and one FILLED/PARTIALLY_FILLED entry per fill.
    /// </summary>
    public const string AuditCompleteness = """
        WITH per_order AS (
            SELECT o.id,
                   (SELECT COUNT(*) FROM fills f WHERE f.order_row = o.row_no) AS fills,
                   (SELECT COUNT(*) FROM execution_log l
                    WHERE l.order_row = o.row_no AND l.action IN ('PARTIALLY_FILLED', 'FILLED')) AS fill_entries,
                   EXISTS (SELECT 1 FROM execution_log l WHERE l.order_row = o.row_no AND l.action = 'SUBMITTED')
                     AS submitted,
                   EXISTS (SELECT 1 FROM execution_log l WHERE l.order_row = o.row_no AND l.action = 'EXECUTED')
                     AS executed,
                   EXISTS (SELECT 1 FROM execution_log l WHERE l.order_row = o.row_no AND l.action = 'ACKNOWLEDGED')
                     AS acknowledged
            FROM orders o
            WHERE o.created_at >= $from AND o.created_at < $to
        )
        SELECT COUNT(*) AS at_venue,
               COALESCE(SUM(submitted AND executed AND fill_entries = fills), 0) AS complete
        FROM per_order
        WHERE fills > 0 OR acknowledged
        """;

    /// <summary>Orders by current status.</summary>
    public const string OrdersByStatus = """
        SELECT status AS code, COUNT(*) AS orders
        FROM orders
        WHERE created_at >= $from AND created_at < $to
        GROUP BY status ORDER BY orders DESC, code
        """;

    /// <summary>Orders refused by our own pre-trade risk rules (DENIED), by rule code.</summary>
    public const string RiskRejections = """
        SELECT COALESCE(l.error_code, 'UNKNOWN') AS code, COUNT(DISTINCT l.order_id) AS orders
        FROM execution_log l JOIN orders o ON o.row_no = l.order_row
        WHERE l.action = 'DENIED' AND o.created_at >= $from AND o.created_at < $to
        GROUP BY code ORDER BY orders DESC, code
        """;

    /// <summary>Orders refused by the venue (REJECTED), by the venue's code.</summary>
    public const string VenueRejections = """
        SELECT COALESCE(l.error_code, 'UNKNOWN') AS code, COUNT(DISTINCT l.order_id) AS orders
        FROM execution_log l JOIN orders o ON o.row_no = l.order_row
        WHERE l.action = 'REJECTED' AND o.created_at >= $from AND o.created_at < $to
        GROUP BY code ORDER BY orders DESC, code
        """;

    public static IReadOnlyList<(string Name, string Sql)> All { get; } =
    [
        (nameof(Reliability), Reliability), (nameof(SubmitToConfirm), SubmitToConfirm),
        (nameof(CancelToConfirm), CancelToConfirm), (nameof(Duplicates), Duplicates),
        (nameof(AuditCompleteness), AuditCompleteness), (nameof(OrdersByStatus), OrdersByStatus),
        (nameof(RiskRejections), RiskRejections), (nameof(VenueRejections), VenueRejections),
    ];
}
