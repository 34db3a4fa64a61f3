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
    public const string OrderColumns = """
        id, trader_id, client_order_id, symbol, side, quantity, order_type, price, stop_price, time_in_force,
        stop_loss, take_profit, status, filled_quantity, average_fill_price, venue, reason, execution_path,
        created_at, updated_at, version, reserve_price, attempts, first_sent_at, failure_acknowledged_at
        """;

    public const string InsertOrder = $"""
        INSERT INTO orders ({OrderColumns})
        VALUES ($id, $trader_id, $client_order_id, $symbol, $side, $quantity, $order_type, $price, $stop_price,
                $time_in_force, $stop_loss, $take_profit, $status, $filled_quantity, $average_fill_price, $venue,
                $reason, $execution_path,
                $created_at, $updated_at, $version, $reserve_price, $attempts, $first_sent_at, $failure_acknowledged_at)
        """;

    // Only what can change after creation is updated; the spec is immutable.
    public const string UpdateOrder = """
        UPDATE orders SET status = $status, filled_quantity = $filled_quantity,
               average_fill_price = $average_fill_price,
               reason = $reason, updated_at = $updated_at, version = $version, attempts = $attempts,
               first_sent_at = $first_sent_at, failure_acknowledged_at = $failure_acknowledged_at
        WHERE id = $id AND version = $expected_version
        """;

    public const string InsertFill = """
        INSERT INTO fills (id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp,
                           recorded_at)
        VALUES ($id, $order_id, $trader_id, $execution_id, $quantity, $price, $venue, $commission, $timestamp,
                $timestamp)
        """;

    public const string AuditColumns = """
        id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
        retry_attempt, error_code, execution_path, actor, prev_hash, hash
        """;

    public const string InsertAudit = $"""
        INSERT INTO execution_log ({AuditColumns})
        VALUES ($id, $order_id, $trader_id, $action, $status, $symbol, $side, $quantity, $price, $venue,
                $timestamp, $reason,
                $retry_attempt, $error_code, $execution_path, $actor, $prev_hash, $hash)
        """;

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();

    /// <summary>The distinct $names of the parameters in <paramref name="sql"/>.</summary>
    public static IEnumerable<string> ParameterNames(string sql) =>
        ParameterName().Matches(sql).Select(m => m.Value).Distinct();

    public static void BindOrder(SqliteStatement statement, Order o)
    {
        statement.Set("$id", o.Id.ToString());
        statement.Set("$trader_id", o.TraderId.Value);
        statement.Set("$client_order_id", o.ClientOrderId);
        statement.Set("$symbol", o.Spec.Symbol.Value);
        statement.Set("$side", ApiNames.Of(o.Spec.Side));
        statement.Set("$quantity", o.Spec.Quantity);
        statement.Set("$order_type", ApiNames.Of(o.Spec.Type));
        statement.Set("$price", SqlText.OfNullable(o.Spec.LimitPrice));
        statement.Set("$stop_price", SqlText.OfNullable(o.Spec.StopPrice));
        statement.Set("$time_in_force", ApiNames.Of(o.Spec.TimeInForce));
        statement.Set("$stop_loss", SqlText.OfNullable(o.Spec.StopLoss));
        statement.Set("$take_profit", SqlText.OfNullable(o.Spec.TakeProfit));
        statement.Set("$status", ApiNames.Of(o.Status));
        statement.Set("$filled_quantity", o.FilledQuantity);
        statement.Set("$average_fill_price", SqlText.OfNullable(o.AverageFillPrice));
        statement.Set("$venue", o.Venue);
        statement.Set("$reason", o.Reason);
        statement.Set("$execution_path", ApiNames.Of(o.Path));
        statement.Set("$created_at", SqlText.Of(o.CreatedAt));
        statement.Set("$updated_at", SqlText.Of(o.UpdatedAt));
        statement.Set("$version", o.Version);
        statement.Set("$reserve_price", SqlText.OfNullable(o.ReservePrice));
        statement.Set("$attempts", o.Attempts);
        statement.Set("$first_sent_at", o.FirstSentAt is { } sent ? SqlText.Of(sent) : null);
        statement.Set("$failure_acknowledged_at",
            o.FailureAcknowledgedAt is { } acknowledged ? SqlText.Of(acknowledged) : null);
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

    public static void BindAudit(SqliteStatement statement, long id, AuditRecord r, string previousHash, string hash)
    {
        var values = AuditValues(new AuditEntry(id, r, previousHash, hash));
        for (var i = 0; i < AuditParameterNames.Length; i++) statement.Set(AuditParameterNames[i], values[i]);
    }

    public static Order ReadOrder(SqliteDataReader r) => new Order
    {
        Id = new OrderId(Guid.Parse(r.GetString(0))),
        TraderId = new TraderId(r.GetString(1)),
        ClientOrderId = r.IsDBNull(2) ? null : r.GetString(2),
        Spec = new OrderSpec(
            Symbol.Of(r.GetString(3)), ApiNames.Parse<Side>(r.GetString(4)), r.GetInt64(5),
            ApiNames.Parse<OrderType>(r.GetString(6)), NullableDecimal(r, 7), NullableDecimal(r, 8),
            ApiNames.Parse<TimeInForce>(r.GetString(9)), NullableDecimal(r, 10), NullableDecimal(r, 11)),
        Venue = r.GetString(15),
        Reason = r.IsDBNull(16) ? null : r.GetString(16),
        Path = ApiNames.Parse<ExecutionPath>(r.GetString(17)),
        CreatedAt = SqlText.Time(r.GetString(18)),
        UpdatedAt = SqlText.Time(r.GetString(19)),
        ReservePrice = NullableDecimal(r, 21),
    }.Restored(new OrderProgress(ApiNames.Parse<OrderStatus>(r.GetString(12)), r.GetInt64(13), NullableDecimal(r, 14),
        r.GetInt64(20), r.GetInt32(22), NullableTime(r, 23), NullableTime(r, 24)));

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
            ApiNames.Parse<AuditAction>(r.GetString(3)), ApiNames.Parse<OrderStatus>(r.GetString(4)),
            Symbol.Of(r.GetString(5)), ApiNames.Parse<Side>(r.GetString(6)), r.GetInt64(7), NullableDecimal(r, 8),
            r.GetString(9), SqlText.Time(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11),
            r.IsDBNull(12) ? null : r.GetInt32(12), r.IsDBNull(13) ? null : r.GetString(13),
            ApiNames.Parse<ExecutionPath>(r.GetString(14)), ApiNames.Parse<Actor>(r.GetString(15))),
        r.GetString(16), r.GetString(17));

    public const string AccountColumns = """
        trader_id, cash, version, max_position_shares, max_position_notional, max_order_notional, max_open_orders,
        daily_loss_limit, short_selling_enabled, trading_halted
        """;

    // Insert-or-replace guarded by the version: the row is only replaced when it is still at the
    // version the change was derived from (a new account has version 1 and expects none).
    public const string UpsertAccount = """
        INSERT INTO accounts (trader_id, cash, version, max_position_shares, max_position_notional, max_order_notional,
                              max_open_orders, daily_loss_limit, short_selling_enabled, trading_halted, updated_at)
        VALUES ($trader_id, $cash, $version, $max_position_shares, $max_position_notional, $max_order_notional,
                $max_open_orders, $daily_loss_limit, $short_selling_enabled, $trading_halted, $updated_at)
        ON CONFLICT (trader_id) DO UPDATE SET cash = excluded.cash, version = excluded.version,
            max_position_shares = excluded.max_position_shares, max_position_notional = excluded.max_position_notional,
            max_order_notional = excluded.max_order_notional, max_open_orders = excluded.max_open_orders,
            daily_loss_limit = excluded.daily_loss_limit, short_selling_enabled = excluded.short_selling_enabled,
            trading_halted = excluded.trading_halted, updated_at = excluded.updated_at
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
    }

    public static Account ReadAccount(SqliteDataReader r)
    {
        var limitsSet = !r.IsDBNull(3) && !r.IsDBNull(4) && !r.IsDBNull(5) && !r.IsDBNull(6) && !r.IsDBNull(7);
        var limits = limitsSet
            ? new RiskLimits(r.GetInt64(3), SqlText.Decimal(r.GetString(4)), SqlText.Decimal(r.GetString(5)),
                r.GetInt32(6), SqlText.Decimal(r.GetString(7)), r.GetInt64(8) != 0)
            : null;
        return new Account(new TraderId(r.GetString(0)), SqlText.Decimal(r.GetString(1)), limits, r.GetInt64(9) != 0,
            r.GetInt64(2));
    }

    private static decimal? NullableDecimal(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : SqlText.Decimal(r.GetString(i));

    private static DateTimeOffset? NullableTime(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : SqlText.Time(r.GetString(i));
}
