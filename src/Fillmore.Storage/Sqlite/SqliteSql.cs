// SQL text for SQLite and the mapping between rows and Core types. The writer's statements are
// prepared once (SqliteStatement, positions resolved from the $names in their text) and only their
// values change per row.
namespace Fillmore.Storage.Sqlite;

using System.Text.RegularExpressions;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Microsoft.Data.Sqlite;

internal static partial class SqliteSql
{
    public static readonly string OrderColumns = OrderRow.Columns;

    public static readonly string InsertOrder = OrderRow.Insert(c => "$" + c);

    // Only what can change after creation is updated; the spec is immutable.
    public static readonly string UpdateOrder = OrderRow.Update(c => "$" + c);

    // The order's integer key (order_row) is looked up where the order row was just written: a page in cache.
    public const string InsertFill = """
        INSERT INTO fills (id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp,
                           recorded_at, order_row)
        VALUES ($id, $order_id, $trader_id, $execution_id, $quantity, $price, $venue, $commission, $timestamp,
                $timestamp, (SELECT row_no FROM orders WHERE id = $order_id))
        """;

    public const string AuditColumns = """
        id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
        retry_attempt, error_code, execution_path, actor, prev_hash, hash, partition, partition_seq
        """;

    // order_row: the integer key of the order the entry names, if it names one (docs/audit.md, "Order keys").
    public const string InsertAudit = $"""
        INSERT INTO execution_log ({AuditColumns}, order_row)
        VALUES ($id, $order_id, $trader_id, $action, $status, $symbol, $side, $quantity, $price, $venue,
                $timestamp, $reason, $retry_attempt, $error_code, $execution_path, $actor, $prev_hash, $hash,
                $partition, $partition_seq, (SELECT row_no FROM orders WHERE id = $order_id))
        """;

    // The entries about order $o: by its integer key when it is an order; an entry about no order (a ghost's)
    // has no key and is found by the id it names (docs/audit.md, "Order keys").
    public const string AuditOfOrder =
        "(order_row = (SELECT row_no FROM orders WHERE id = $o) OR (order_row IS NULL AND order_id = $o))";

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();

    /// <summary>The distinct $names of the parameters in <paramref name="sql"/>.</summary>
    public static IEnumerable<string> ParameterNames(string sql) =>
        ParameterName().Matches(sql).Select(m => m.Value).Distinct();

    public static void BindOrder(SqliteStatement statement, Order o)
    {
        foreach (var (column, value) in OrderRow.Values(o, m => m is { } v ? SqlText.Of(v) : null))
            statement.Set("$" + column, value);
    }

    public static void BindFill(SqliteStatement statement, Fill f)
    {
        statement.Set("$id", f.Id.ToString("D"));
        statement.Set("$order_id", f.OrderId.ToString());
        statement.Set("$trader_id", f.TraderId.Value);
        statement.Set("$execution_id", f.ExecutionId);
        statement.Set("$quantity", f.Quantity);
        statement.Set("$price", SqlText.Of(f.Price));
        statement.Set("$venue", f.Venue);
        statement.Set("$commission", SqlText.Of(f.Commission));
        statement.Set("$timestamp", SqlText.Of(f.Timestamp));
    }

    /// <summary>Binds a new entry; its id is SQLite's to give (the next rowid), so $id is null.</summary>
    public static void BindAudit(SqliteStatement statement, AuditEntry entry)
    {
        var values = AuditValues(entry);
        statement.Set(AuditParameterNames[0], null);
        for (var i = 1; i < AuditParameterNames.Length; i++) statement.Set(AuditParameterNames[i], values[i]);
    }

    public static Order ReadOrder(SqliteDataReader r) =>
        OrderRow.Read(r, (row, i) => SqlText.Decimal(row.GetString(i)));

    public const string FillColumns =
        "id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp";

    public static Fill ReadFill(SqliteDataReader r) => new(
        Guid.Parse(r.GetString(0)), new OrderId(Guid.Parse(r.GetString(1))), new TraderId(r.GetString(2)),
        r.GetString(3), r.GetInt64(4), SqlText.Decimal(r.GetString(5)), r.GetString(6), SqlText.Decimal(r.GetString(7)),
        SqlText.Time(r.GetString(8)));

    public static AuditEntry ReadAudit(SqliteDataReader r) => new(
        r.GetInt64(0),
        new AuditRecord(
            new OrderId(Guid.Parse(r.GetString(1))), new TraderId(r.GetString(2)),
            ApiNames.Parse<AuditAction>(r.GetString(3)), ApiNames.ParseOrNull<OrderStatus>(Text(r, 4)),
            Text(r, 5) is { } symbol ? Symbol.Of(symbol) : null, ApiNames.ParseOrNull<Side>(Text(r, 6)), r.GetInt64(7),
            NullableDecimal(r, 8),
            r.GetString(9), SqlText.Time(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11),
            r.IsDBNull(12) ? null : r.GetInt32(12), r.IsDBNull(13) ? null : r.GetString(13),
            ApiNames.ParseOrNull<ExecutionPath>(Text(r, 14)), ApiNames.Parse<Actor>(r.GetString(15))),
        r.GetString(16), r.GetString(17), r.IsDBNull(18) ? null : checked((int)r.GetInt64(18)),
        r.IsDBNull(19) ? null : r.GetInt64(19));

    public const string AccountColumns = """
        trader_id, cash, version, max_position_shares, max_position_notional, max_order_notional, max_open_orders,
        daily_loss_limit, short_selling_enabled, trading_halted, default_max_slippage_bps, max_slippage_bps
        """;

    // Insert-or-replace guarded by the version: the row is only replaced when it is still at the
    // version the change was derived from (a new account has version 1 and expects none).
    public const string UpsertAccount = """
        INSERT INTO accounts (trader_id, cash, version, max_position_shares, max_position_notional, max_order_notional,
                              max_open_orders, daily_loss_limit, short_selling_enabled, trading_halted, updated_at,
                              default_max_slippage_bps, max_slippage_bps)
        VALUES ($trader_id, $cash, $version, $max_position_shares, $max_position_notional, $max_order_notional,
                $max_open_orders, $daily_loss_limit, $short_selling_enabled, $trading_halted, $updated_at,
                $default_max_slippage_bps, $max_slippage_bps)
        ON CONFLICT (trader_id) DO UPDATE SET cash = excluded.cash, version = excluded.version,
            max_position_shares = excluded.max_position_shares, max_position_notional = excluded.max_position_notional,
            max_order_notional = excluded.max_order_notional, max_open_orders = excluded.max_open_orders,
            daily_loss_limit = excluded.daily_loss_limit, short_selling_enabled = excluded.short_selling_enabled,
            trading_halted = excluded.trading_halted, updated_at = excluded.updated_at,
            default_max_slippage_bps = excluded.default_max_slippage_bps, max_slippage_bps = excluded.max_slippage_bps
        WHERE accounts.version = $expected_version
        """;

    public static void BindAccount(SqliteStatement statement, Account a, DateTimeOffset now)
    {
        statement.Set("$trader_id", a.TraderId.Value);
        statement.Set("$cash", SqlText.Of(a.Cash));
        statement.Set("$version", a.Version);
        statement.Set("$expected_version", a.Version - 1);
        statement.Set("$max_position_shares", a.Limits?.MaxPositionShares);
        statement.Set("$max_position_notional", SqlText.OfNullable(a.Limits?.MaxPositionNotional));
        statement.Set("$max_order_notional", SqlText.OfNullable(a.Limits?.MaxOrderNotional));
        statement.Set("$max_open_orders", a.Limits?.MaxOpenOrders);
        statement.Set("$daily_loss_limit", SqlText.OfNullable(a.Limits?.DailyLossLimit));
        statement.Set("$short_selling_enabled", a.Limits?.ShortSellingEnabled == true ? 1 : 0);
        statement.Set("$trading_halted", a.TradingHalted ? 1 : 0);
        statement.Set("$updated_at", SqlText.Of(now));
        statement.Set("$default_max_slippage_bps", SqlText.OfNullable(a.DefaultMaxSlippageBps));
        statement.Set("$max_slippage_bps", SqlText.OfNullable(a.MaxSlippageBps));
    }

    public static Account ReadAccount(SqliteDataReader r)
    {
        var limitsSet = !r.IsDBNull(3) && !r.IsDBNull(4) && !r.IsDBNull(5) && !r.IsDBNull(6) && !r.IsDBNull(7);
        var limits = limitsSet
            ? new RiskLimits(r.GetInt64(3), SqlText.Decimal(r.GetString(4)), SqlText.Decimal(r.GetString(5)),
                r.GetInt32(6), SqlText.Decimal(r.GetString(7)), r.GetInt64(8) != 0)
            : null;
        return new Account(new TraderId(r.GetString(0)), SqlText.Decimal(r.GetString(1)), limits, r.GetInt64(9) != 0,
            r.GetInt64(2)) { DefaultMaxSlippageBps = NullableDecimal(r, 10), MaxSlippageBps = NullableDecimal(r, 11) };
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static decimal? NullableDecimal(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : SqlText.Decimal(r.GetString(i));

}
