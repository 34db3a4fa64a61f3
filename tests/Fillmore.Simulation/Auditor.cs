// The oracle of the simulation: invariants that must hold after every step, whatever the faults.
//  - the venue received each order id at most once (no intent reached it twice);
//  - every order the engine acknowledged is in the store;
//  - no fill is counted twice: fills are unique per order and execution id, and never add up to
//    more than the order's filled quantity;
//  - each trader's cash and positions equal what the stored fills imply;
//  - per-trader event sequences are gap-free; the audit hash chain verifies (incrementally).
//  - families: an exit never sells more than its entry bought; two exits (or OCO legs) never both
//    have fills recorded unless the over-execution is recorded as an anomaly (a leg whose venue
//    reported cumulative fills on its end before their reports counts once those fills are
//    recorded); a held order is released at most once; every order the store holds as HELD is
//    watched by the engine running now (nothing held is lost across a crash).
//  - venues (several): every order that reached a venue is that venue's, as the store says (never sent
//    anywhere else), and no order id reached two venues; an order SMART split never holds more than
//    its parts filled, and at the end exactly their sum;
//  - switches: while a halt is in force nothing new reaches the venue in its scope (no first send,
//    no re-send); every cancelled or expired order says why, and every cancel an administrator
//    asked for carries its code and reason.
// In the final (liveness) check, every order is also terminal, its fills equal the venue's (quantity
// and notional), and every order the venue holds has an EXECUTED entry (audit completeness). A run
// against a venue that cannot be asked (the FIX fault run) may accept orders left in doubt: open, but
// flagged with a reason that says so, and never holding more than the venue executed.
// What the venue did comes from its own record (IVenueRecord); the checks read the database file
// directly with aggregate SQL, so a step costs little.
namespace Fillmore.Simulation;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Storage;
using Microsoft.Data.Sqlite;

/// <param name="acknowledged">Every order the engine acknowledged so far (read as it grows).</param>
/// <param name="startingCash">Each trader audited, with the cash it started with.</param>
/// <param name="inDoubtAllowed">At the end, an open order flagged "In doubt" passes (a venue that cannot be
/// asked).</param>
/// <param name="armed">Whether the engine running now watches a held order's trigger (null: not checked).</param>
/// <param name="byVenue">With several venues, each one's own record by name (null: one venue).</param>
public sealed class Auditor(IVenueRecord venue, IReadOnlyList<OrderId> acknowledged,
    IReadOnlyDictionary<string, decimal> startingCash, bool inDoubtAllowed = false, Func<OrderId, bool>? armed = null,
    IReadOnlyDictionary<string, IVenueRecord>? byVenue = null)
{
    // The project's own verifier, fed the new entries after every step (it keeps its state).
    private readonly AuditVerifier _chain = new();
    private long _chainId;
    private int _acknowledgedChecked;
    // While a halt is in force: what the venue had taken when it began, and which orders it covers.
    private (IReadOnlyDictionary<string, int> Taken, Func<SqliteConnection, string, bool> InScope, string What)? _halt;

    /// <summary>A halt took effect: from now on nothing in its scope may reach the venue.</summary>
    public void Halted(string what, Func<SqliteConnection, string, bool> inScope) =>
        _halt = (venue.Taken.ToDictionary(t => t.Key, t => t.Value), inScope, what);

    public void Resumed() => _halt = null;

    public async Task<string?> CheckAsync(IOrderStore store, string dbPath, bool final)
    {
        if (venue.Taken.FirstOrDefault(s => s.Value > 1) is { Value: > 1 } twice)
            return $"order {twice.Key} reached the venue {twice.Value} times";
        for (; _acknowledgedChecked < acknowledged.Count; _acknowledgedChecked++)
            if (await store.GetOrderAsync(acknowledged[_acknowledgedChecked]) is null)
                return $"acknowledged order {acknowledged[_acknowledgedChecked]} is not in the store";
        using var db = Open(dbPath);
        return CheckVenues(db) ?? CheckFills(db) ?? CheckLedgers(db) ?? CheckSequences(db) ?? CheckFamilies(db) ?? CheckHeld(db)
            ?? CheckHalt(db) ?? CheckCancelReasons(db)
            ?? await CheckAuditChainAsync(store, final) ?? (final ? CheckSettled(db) : null);
    }

    private static string? CheckFills(SqliteConnection db) =>
        Rows(db, "SELECT order_id FROM fills GROUP BY order_id, execution_id HAVING COUNT(*) > 1", r => r.GetString(0)).FirstOrDefault() is { } twice
            ? $"order {twice} counts a fill twice"
            : Rows(db, """
                SELECT o.id, o.filled_quantity, (SELECT COALESCE(SUM(quantity), 0) FROM fills f WHERE f.order_id = o.id) AS recorded
                FROM orders o WHERE recorded > o.filled_quantity
                """, r => $"order {r.GetString(0)}: fills add up to {r.GetInt64(2)} > filled quantity {r.GetInt64(1)}").FirstOrDefault();

    private string? CheckLedgers(SqliteConnection db)
    {
        foreach (var (trader, starting) in startingCash)
        {
            var expectedCash = starting;
            var expectedPositions = new Dictionary<string, long>();
            foreach (var (symbol, side, qty, price, commission) in Rows(db, $"""
                SELECT o.symbol, o.side, f.quantity, f.price, f.commission FROM fills f JOIN orders o ON o.id = f.order_id WHERE f.trader_id = '{trader}'
                """, r => (r.GetString(0), r.GetString(1), r.GetInt64(2), SqlText.Decimal(r.GetString(3)), SqlText.Decimal(r.GetString(4)))))
            {
                var signed = side == "BUY" ? qty : -qty;
                expectedCash += -signed * price - commission;
                expectedPositions[symbol] = expectedPositions.GetValueOrDefault(symbol) + signed;
            }
            var cash = Rows(db, $"SELECT cash FROM accounts WHERE trader_id = '{trader}'", r => SqlText.Decimal(r.GetString(0))).Single();
            if (cash != expectedCash) return $"{trader}: cash {cash}, fills imply {expectedCash}";
            foreach (var (symbol, quantity) in Rows(db, $"SELECT symbol, quantity FROM positions WHERE trader_id = '{trader}'", r => (r.GetString(0), r.GetInt64(1))))
                if (quantity != expectedPositions.GetValueOrDefault(symbol)) return $"{trader}: {symbol} position {quantity}, fills imply {expectedPositions.GetValueOrDefault(symbol)}";
        }
        return null;
    }

    private static string? CheckFamilies(SqliteConnection db) =>
        Rows(db, """
            SELECT p.id, p.filled_quantity, SUM(c.filled_quantity) FROM orders p JOIN orders c ON c.parent_order_id = p.id
            WHERE p.order_class IN ('BRACKET', 'OTO') GROUP BY p.id HAVING SUM(c.filled_quantity) > p.filled_quantity
            """, r => $"the exits of {r.GetString(0)} executed {r.GetInt64(2)}, more than the {r.GetInt64(1)} its entry bought").FirstOrDefault()
        ?? Rows(db, """
            SELECT p.id, p.filled_quantity, SUM(c.filled_quantity) FROM orders p JOIN orders c ON c.parent_order_id = p.id
            WHERE p.venue = 'SMART' AND p.parent_order_id IS NULL GROUP BY p.id HAVING p.filled_quantity > SUM(c.filled_quantity)
            """, r => $"SMART order {r.GetString(0)} holds {r.GetInt64(1)} filled, more than its parts' {r.GetInt64(2)}").FirstOrDefault()
        ?? Rows(db, """
            SELECT COALESCE(o.parent_order_id, o.id) AS family FROM orders o
            WHERE EXISTS (SELECT 1 FROM fills f WHERE f.order_id = o.id) AND o.leg_role IN ('TAKE_PROFIT', 'STOP_LOSS')
            GROUP BY family HAVING COUNT(*) > 1
              AND NOT EXISTS (SELECT 1 FROM execution_log e JOIN orders m ON m.id = e.order_id
                              WHERE e.error_code = 'OVER_EXECUTION' AND COALESCE(m.parent_order_id, m.id) = family)
            """, r => $"two exits of {r.GetString(0)} executed and no over-execution was recorded").FirstOrDefault()
        ?? Rows(db, "SELECT order_id, COUNT(*) FROM execution_log WHERE action = 'RELEASED' GROUP BY order_id HAVING COUNT(*) > 1",
            r => $"held order {r.GetString(0)} was released {r.GetInt64(1)} times").FirstOrDefault();

    private string? CheckHeld(SqliteConnection db) =>
        Rows(db, "SELECT id FROM orders WHERE status = 'HELD'", r => new OrderId(Guid.Parse(r.GetString(0))))
            .Where(id => armed is not null && !armed(id)).Select(id => $"held order {id} is watched by no one (lost across a restart)").FirstOrDefault();

    private string? CheckHalt(SqliteConnection db) =>
        _halt is not { } halt ? null
        : venue.Taken.Where(t => t.Value > halt.Taken.GetValueOrDefault(t.Key) && halt.InScope(db, t.Key))
            .Select(t => $"order {t.Key} reached the venue while {halt.What} was in force").FirstOrDefault();

    private static string? CheckCancelReasons(SqliteConnection db) =>
        Rows(db, "SELECT id, status FROM orders WHERE status IN ('CANCELLED', 'EXPIRED') AND COALESCE(reason, '') = ''",
            r => $"order {r.GetString(0)} is {r.GetString(1)} without a reason").FirstOrDefault()
        ?? Rows(db, "SELECT order_id FROM execution_log WHERE action = 'CANCEL_REQUESTED' AND actor = 'ADMIN' "
                + "AND (error_code IS NULL OR COALESCE(reason, '') = '')",
            r => $"an administrator's cancel of {r.GetString(0)} has no code or reason").FirstOrDefault();

    private string? CheckVenues(SqliteConnection db)
    {
        if (byVenue is null) return null;
        foreach (var (name, record) in byVenue)
            foreach (var id in record.Taken.Keys)
                if (VenueOf(db, id) is { } stored && stored != name)
                    return $"order {id} of venue {stored} reached {name}";
        return null;
    }

    /// <summary>The venue of a stored order (for a venue halt's scope).</summary>
    public static string? VenueOf(SqliteConnection db, string orderId) =>
        Rows(db, $"SELECT venue FROM orders WHERE id = '{orderId}'", r => r.GetString(0)).FirstOrDefault();

    /// <summary>The trader of a stored order (for a halt's scope).</summary>
    public static string? TraderOf(SqliteConnection db, string orderId) =>
        Rows(db, $"SELECT trader_id FROM orders WHERE id = '{orderId}'", r => r.GetString(0)).FirstOrDefault();

    private static string? CheckSequences(SqliteConnection db) =>
        Rows(db, "SELECT trader_id, COUNT(*), MIN(seq), MAX(seq) FROM order_events GROUP BY trader_id", r => (Trader: r.GetString(0), Count: r.GetInt64(1), Min: r.GetInt64(2), Max: r.GetInt64(3)))
            .Where(s => s.Min != 1 || s.Max != s.Count)
            .Select(s => $"{s.Trader}: {s.Count} events numbered {s.Min}..{s.Max}: a gap or a duplicate").FirstOrDefault();

    private async Task<string?> CheckAuditChainAsync(IOrderStore store, bool final)
    {
        foreach (var row in await store.ReadAuditChainAsync(_chainId, int.MaxValue))
        {
            _chainId = row.Id;
            if (!_chain.Add(row)) return Broken(_chain.Finish());
        }
        return final && _chain.Finish() is { Valid: false } verdict ? Broken(verdict) : null;
    }

    private static string Broken(AuditVerification v) => $"the audit chain breaks at entry {v.FirstBrokenId} ({v.Problem}): {v.Detail}";

    private string? CheckSettled(SqliteConnection db)
    {
        var executed = Rows(db, "SELECT DISTINCT order_id FROM execution_log WHERE action = 'EXECUTED'",
            r => r.GetString(0)).ToHashSet();
        if (venue.Holds.FirstOrDefault(id => !executed.Contains(id)) is { } unlogged)
            return $"order {unlogged} is at the venue but its trail has no EXECUTED entry (audit completeness)";
        var fills = Rows(db, "SELECT order_id, quantity, price FROM fills",
                r => (Id: r.GetString(0), Quantity: r.GetInt64(1), Price: SqlText.Decimal(r.GetString(2))))
            .ToLookup(f => f.Id);
        var parts = Rows(db, "SELECT parent_order_id, filled_quantity FROM orders WHERE leg_role = 'ROUTE'",
            r => (Parent: r.GetString(0), Filled: r.GetInt64(1))).ToLookup(p => p.Parent, p => p.Filled);
        foreach (var (id, status, filled, reason) in Rows(db, "SELECT id, status, filled_quantity, reason FROM orders",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3))))
        {
            // An order SMART split is at no venue: it holds what its parts filled, and ends with them.
            if (parts.Contains(id))
            {
                if (!ApiNames.Parse<OrderStatus>(status).IsTerminal() || filled != parts[id].Sum())
                    return $"SMART order {id} ({status}) holds {filled} filled, its parts {parts[id].Sum()}";
                continue;
            }
            var recorded = (Quantity: fills[id].Sum(f => f.Quantity),
                Notional: fills[id].Sum(f => f.Quantity * f.Price));
            if (Unsettled(id, status, filled, reason, recorded, venue.Executed(id)) is { } problem) return problem;
        }
        return null;
    }

    // Terminal: the store holds exactly what the venue executed. In doubt (when allowed): never more.
    private string? Unsettled(string id, string status, long filled, string? reason,
        (long Quantity, decimal Notional) recorded, (long Quantity, decimal Notional) atVenue)
    {
        var open = !ApiNames.Parse<OrderStatus>(status).IsTerminal();
        var inDoubt = inDoubtAllowed && reason?.StartsWith("In doubt", StringComparison.Ordinal) == true;
        if (open && !inDoubt) return $"order {id} did not settle: {status}";
        var matches = open
            ? recorded.Quantity <= atVenue.Quantity && filled == recorded.Quantity
            : recorded == atVenue && filled == atVenue.Quantity;
        return matches ? null : $"order {id} ({status}): store fills {recorded.Quantity} " +
            $"(notional {recorded.Notional}), filled quantity {filled}, " +
            $"venue executed {atVenue.Quantity} (notional {atVenue.Notional})";
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<T> Rows<T>(SqliteConnection db, string sql, Func<SqliteDataReader, T> map)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }
}
