// SQL text for SQLite and the mapping between rows and Core types. Parameters are declared once
// per prepared command (from the $names in its text) and only their values change per row.
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
        created_at, updated_at, version, reserve_price
        """;

    public const string InsertOrder = $"""
        INSERT INTO orders ({OrderColumns})
        VALUES ($id, $trader_id, $client_order_id, $symbol, $side, $quantity, $order_type, $price, $stop_price, $time_in_force,
                $stop_loss, $take_profit, $status, $filled_quantity, $average_fill_price, $venue, $reason, $execution_path,
                $created_at, $updated_at, $version, $reserve_price)
        """;

    // Only what can change after creation is updated; the spec is immutable.
    public const string UpdateOrder = """
        UPDATE orders SET status = $status, filled_quantity = $filled_quantity, average_fill_price = $average_fill_price,
               reason = $reason, updated_at = $updated_at, version = $version
        WHERE id = $id AND version = $expected_version
        """;

    public const string InsertFill = """
        INSERT INTO fills (id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp, recorded_at)
        VALUES ($id, $order_id, $trader_id, $execution_id, $quantity, $price, $venue, $commission, $timestamp, $timestamp)
        """;

    public const string AuditColumns = """
        id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
        retry_attempt, error_code, execution_path, actor, prev_hash, hash
        """;

    public const string InsertAudit = $"""
        INSERT INTO execution_log ({AuditColumns})
        VALUES ($id, $order_id, $trader_id, $action, $status, $symbol, $side, $quantity, $price, $venue, $timestamp, $reason,
                $retry_attempt, $error_code, $execution_path, $actor, $prev_hash, $hash)
        """;

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();

    public static void DeclareParameters(SqliteCommand cmd)
    {
        foreach (var name in ParameterName().Matches(cmd.CommandText).Select(m => m.Value).Distinct())
            cmd.Parameters.Add(new SqliteParameter(name, null));
    }

    private static void Set(SqliteCommand cmd, string name, object? value)
    {
        if (cmd.Parameters.Contains(name)) cmd.Parameters[name].Value = value ?? DBNull.Value;
    }

    public static void BindOrder(SqliteCommand cmd, Order o)
    {
        Set(cmd, "$id", o.Id.ToString());
        Set(cmd, "$trader_id", o.TraderId.Value);
        Set(cmd, "$client_order_id", o.ClientOrderId);
        Set(cmd, "$symbol", o.Spec.Symbol.Value);
        Set(cmd, "$side", ApiNames.Of(o.Spec.Side));
        Set(cmd, "$quantity", o.Spec.Quantity);
        Set(cmd, "$order_type", ApiNames.Of(o.Spec.Type));
        Set(cmd, "$price", SqlText.OfNullable(o.Spec.LimitPrice));
        Set(cmd, "$stop_price", SqlText.OfNullable(o.Spec.StopPrice));
        Set(cmd, "$time_in_force", ApiNames.Of(o.Spec.TimeInForce));
        Set(cmd, "$stop_loss", SqlText.OfNullable(o.Spec.StopLoss));
        Set(cmd, "$take_profit", SqlText.OfNullable(o.Spec.TakeProfit));
        Set(cmd, "$status", ApiNames.Of(o.Status));
        Set(cmd, "$filled_quantity", o.FilledQuantity);
        Set(cmd, "$average_fill_price", SqlText.OfNullable(o.AverageFillPrice));
        Set(cmd, "$venue", o.Venue);
        Set(cmd, "$reason", o.Reason);
        Set(cmd, "$execution_path", ApiNames.Of(o.Path));
        Set(cmd, "$created_at", SqlText.Of(o.CreatedAt));
        Set(cmd, "$updated_at", SqlText.Of(o.UpdatedAt));
        Set(cmd, "$version", o.Version);
        Set(cmd, "$reserve_price", SqlText.OfNullable(o.ReservePrice));
    }

    public static void BindFill(SqliteCommand cmd, Fill f)
    {
        Set(cmd, "$id", f.Id.ToString("D"));
        Set(cmd, "$order_id", f.OrderId.ToString());
        Set(cmd, "$trader_id", f.TraderId.Value);
        Set(cmd, "$execution_id", f.ExecutionId);
        Set(cmd, "$quantity", f.Quantity);
        Set(cmd, "$price", SqlText.Of(f.Price));
        Set(cmd, "$venue", f.Venue);
        Set(cmd, "$commission", SqlText.Of(f.Commission));
        Set(cmd, "$timestamp", SqlText.Of(f.Timestamp));
    }

    public static void BindAudit(SqliteCommand cmd, long id, AuditRecord r, string previousHash, string hash)
    {
        var values = AuditValues(new AuditEntry(id, r, previousHash, hash));
        for (var i = 0; i < AuditColumnNames.Length; i++) Set(cmd, "$" + AuditColumnNames[i], values[i]);
    }

    public static Order ReadOrder(SqliteDataReader r) => new()
    {
        Id = new OrderId(Guid.Parse(r.GetString(0))),
        TraderId = new TraderId(r.GetString(1)),
        ClientOrderId = r.IsDBNull(2) ? null : r.GetString(2),
        Spec = new OrderSpec(
            Symbol.Of(r.GetString(3)), ApiNames.Parse<Side>(r.GetString(4)), r.GetInt64(5), ApiNames.Parse<OrderType>(r.GetString(6)),
            NullableDecimal(r, 7), NullableDecimal(r, 8), ApiNames.Parse<TimeInForce>(r.GetString(9)), NullableDecimal(r, 10), NullableDecimal(r, 11)),
        Status = ApiNames.Parse<OrderStatus>(r.GetString(12)),
        FilledQuantity = r.GetInt64(13),
        AverageFillPrice = NullableDecimal(r, 14),
        Venue = r.GetString(15),
        Reason = r.IsDBNull(16) ? null : r.GetString(16),
        Path = ApiNames.Parse<ExecutionPath>(r.GetString(17)),
        CreatedAt = SqlText.Time(r.GetString(18)),
        UpdatedAt = SqlText.Time(r.GetString(19)),
        Version = r.GetInt64(20),
        ReservePrice = NullableDecimal(r, 21),
    };

    public const string FillColumns = "id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp";

    public static Fill ReadFill(SqliteDataReader r) => new(
        Guid.Parse(r.GetString(0)), new OrderId(Guid.Parse(r.GetString(1))), new TraderId(r.GetString(2)), r.GetString(3),
        r.GetInt64(4), SqlText.Decimal(r.GetString(5)), r.GetString(6), SqlText.Decimal(r.GetString(7)), SqlText.Time(r.GetString(8)));

    public static AuditEntry ReadAudit(SqliteDataReader r) => new(
        r.GetInt64(0),
        new AuditRecord(
            new OrderId(Guid.Parse(r.GetString(1))), new TraderId(r.GetString(2)), ApiNames.Parse<AuditAction>(r.GetString(3)),
            ApiNames.Parse<OrderStatus>(r.GetString(4)), Symbol.Of(r.GetString(5)), ApiNames.Parse<Side>(r.GetString(6)), r.GetInt64(7),
            NullableDecimal(r, 8), r.GetString(9), SqlText.Time(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11),
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

    public static void BindAccount(SqliteCommand cmd, Account a, DateTimeOffset now)
    {
        Set(cmd, "$trader_id", a.TraderId.Value);
        Set(cmd, "$cash", SqlText.Of(a.Cash));
        Set(cmd, "$version", a.Version);
        Set(cmd, "$expected_version", a.Version - 1);
        Set(cmd, "$max_position_shares", a.Limits?.MaxPositionShares);
        Set(cmd, "$max_position_notional", SqlText.OfNullable(a.Limits?.MaxPositionNotional));
        Set(cmd, "$max_order_notional", SqlText.OfNullable(a.Limits?.MaxOrderNotional));
        Set(cmd, "$max_open_orders", a.Limits?.MaxOpenOrders);
        Set(cmd, "$daily_loss_limit", SqlText.OfNullable(a.Limits?.DailyLossLimit));
        Set(cmd, "$short_selling_enabled", a.Limits?.ShortSellingEnabled == true ? 1 : 0);
        Set(cmd, "$trading_halted", a.TradingHalted ? 1 : 0);
        Set(cmd, "$updated_at", SqlText.Of(now));
    }

    public static Account ReadAccount(SqliteDataReader r)
    {
        var limitsSet = !r.IsDBNull(3) && !r.IsDBNull(4) && !r.IsDBNull(5) && !r.IsDBNull(6) && !r.IsDBNull(7);
        var limits = limitsSet
            ? new RiskLimits(r.GetInt64(3), SqlText.Decimal(r.GetString(4)), SqlText.Decimal(r.GetString(5)), r.GetInt32(6),
                SqlText.Decimal(r.GetString(7)), r.GetInt64(8) != 0)
            : null;
        return new Account(new TraderId(r.GetString(0)), SqlText.Decimal(r.GetString(1)), limits, r.GetInt64(9) != 0, r.GetInt64(2));
    }

    private static decimal? NullableDecimal(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : SqlText.Decimal(r.GetString(i));
}
