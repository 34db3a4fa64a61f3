// SQL text for SQLite and the mapping between rows and Core types. Parameters are declared once
// per prepared command (from the $names in its text) and only their values change per row.
namespace Fillmore.Storage.Sqlite;

using System.Text.RegularExpressions;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Microsoft.Data.Sqlite;

internal static partial class SqliteSql
{
    public const string OrderColumns = """
        id, trader_id, client_order_id, symbol, side, quantity, order_type, price, stop_price, time_in_force,
        stop_loss, take_profit, status, filled_quantity, average_fill_price, venue, reason, execution_path,
        created_at, updated_at, version
        """;

    public const string InsertOrder = $"""
        INSERT INTO orders ({OrderColumns})
        VALUES ($id, $trader_id, $client_order_id, $symbol, $side, $quantity, $order_type, $price, $stop_price, $time_in_force,
                $stop_loss, $take_profit, $status, $filled_quantity, $average_fill_price, $venue, $reason, $execution_path,
                $created_at, $updated_at, $version)
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
        Set(cmd, "$id", id);
        Set(cmd, "$order_id", r.OrderId.ToString());
        Set(cmd, "$trader_id", r.TraderId.Value);
        Set(cmd, "$action", ApiNames.Of(r.Action));
        Set(cmd, "$status", ApiNames.Of(r.Status));
        Set(cmd, "$symbol", r.Symbol.Value);
        Set(cmd, "$side", ApiNames.Of(r.Side));
        Set(cmd, "$quantity", r.Quantity);
        Set(cmd, "$price", SqlText.OfNullable(r.Price));
        Set(cmd, "$venue", r.Venue);
        Set(cmd, "$timestamp", SqlText.Of(r.Timestamp));
        Set(cmd, "$reason", r.Reason);
        Set(cmd, "$retry_attempt", r.RetryAttempt);
        Set(cmd, "$error_code", r.ErrorCode);
        Set(cmd, "$execution_path", ApiNames.Of(r.Path));
        Set(cmd, "$actor", ApiNames.Of(r.Actor));
        Set(cmd, "$prev_hash", previousHash);
        Set(cmd, "$hash", hash);
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

    private static decimal? NullableDecimal(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : SqlText.Decimal(r.GetString(i));
}
