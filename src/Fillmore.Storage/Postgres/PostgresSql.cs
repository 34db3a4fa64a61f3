// SQL text for PostgreSQL and the mapping between rows and Core types. Parameters are declared
// once per reused command (from the @names in its text) and only their values change per row;
// Npgsql prepares the commands the writer reuses (Max Auto Prepare). Times travel as canonical
// TEXT (SqlText), money as numeric (decimal), so every value reads back exactly as written.
namespace Fillmore.Storage.Postgres;

using System.Text.RegularExpressions;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Npgsql;

internal static partial class PostgresSql
{
    public const string Terminal = "('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED')";

    public static readonly string OrderColumns = OrderRow.Columns;

    public static readonly string InsertOrder = OrderRow.Insert(c => "@" + c, "owner_node");

    // Only what can change after creation is updated; the spec is immutable. The writing node becomes the owner.
    public static readonly string UpdateOrder = OrderRow.Update(c => "@" + c, "owner_node");

    // The order's integer key (order_row) is looked up in the order row this transaction wrote or locked.
    public const string InsertFill = """
        INSERT INTO fills (id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp,
                           recorded_at, order_row)
        VALUES (@id, @order_id, @trader_id, @execution_id, @quantity, @price, @venue, @commission, @timestamp,
                @timestamp, (SELECT row_no FROM orders WHERE id = @order_id))
        """;

    // The entries about order @o: by its integer key when it is an order; an entry about no order (a ghost's)
    // has no key and is found by the id it names (docs/audit.md, "Order keys").
    public const string AuditOfOrder =
        "(order_row = (SELECT row_no FROM orders WHERE id = @o) OR (order_row IS NULL AND order_id = @o))";

    public const string AuditColumns = """
        id, order_id, trader_id, action, status, symbol, side, quantity, price, venue, timestamp, reason,
        retry_attempt, error_code, execution_path, actor, prev_hash, hash, partition, partition_seq
        """;

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
        VALUES (@trader_id, @cash, @version, @max_position_shares, @max_position_notional, @max_order_notional,
                @max_open_orders, @daily_loss_limit, @short_selling_enabled, @trading_halted, @updated_at,
                @default_max_slippage_bps, @max_slippage_bps)
        ON CONFLICT (trader_id) DO UPDATE SET cash = excluded.cash, version = excluded.version,
            max_position_shares = excluded.max_position_shares, max_position_notional = excluded.max_position_notional,
            max_order_notional = excluded.max_order_notional, max_open_orders = excluded.max_open_orders,
            daily_loss_limit = excluded.daily_loss_limit, short_selling_enabled = excluded.short_selling_enabled,
            trading_halted = excluded.trading_halted, updated_at = excluded.updated_at,
            default_max_slippage_bps = excluded.default_max_slippage_bps, max_slippage_bps = excluded.max_slippage_bps
        WHERE accounts.version = @expected_version
        """;

    [GeneratedRegex(@"(?<![@:])@[a-z_]+")]
    private static partial Regex ParameterName();

    public static void DeclareParameters(NpgsqlCommand cmd)
    {
        foreach (var name in ParameterName().Matches(cmd.CommandText).Select(m => m.Value[1..]).Distinct())
            cmd.Parameters.Add(new NpgsqlParameter(name, null));
    }

    private static void Set(NpgsqlCommand cmd, string name, object? value)
    {
        if (cmd.Parameters.Contains(name)) cmd.Parameters[name].Value = value ?? DBNull.Value;
    }

    public static void BindOrder(NpgsqlCommand cmd, Order o, string ownerNode)
    {
        foreach (var (column, value) in OrderRow.Values(o, m => m)) Set(cmd, column, value);
        Set(cmd, "owner_node", ownerNode);
    }

    public static void BindFill(NpgsqlCommand cmd, Fill f)
    {
        Set(cmd, "id", f.Id.ToString("D"));
        Set(cmd, "order_id", f.OrderId.ToString());
        Set(cmd, "trader_id", f.TraderId.Value);
        Set(cmd, "execution_id", f.ExecutionId);
        Set(cmd, "quantity", f.Quantity);
        Set(cmd, "price", f.Price);
        Set(cmd, "venue", f.Venue);
        Set(cmd, "commission", f.Commission);
        Set(cmd, "timestamp", SqlText.Of(f.Timestamp));
    }

    public static void BindAccount(NpgsqlCommand cmd, Account a, DateTimeOffset now)
    {
        Set(cmd, "trader_id", a.TraderId.Value);
        Set(cmd, "cash", a.Cash);
        Set(cmd, "version", a.Version);
        Set(cmd, "expected_version", a.Version - 1);
        Set(cmd, "max_position_shares", a.Limits?.MaxPositionShares);
        Set(cmd, "max_position_notional", a.Limits?.MaxPositionNotional);
        Set(cmd, "max_order_notional", a.Limits?.MaxOrderNotional);
        Set(cmd, "max_open_orders", a.Limits?.MaxOpenOrders);
        Set(cmd, "daily_loss_limit", a.Limits?.DailyLossLimit);
        Set(cmd, "short_selling_enabled", a.Limits?.ShortSellingEnabled == true);
        Set(cmd, "trading_halted", a.TradingHalted);
        Set(cmd, "updated_at", SqlText.Of(now));
        Set(cmd, "default_max_slippage_bps", a.DefaultMaxSlippageBps);
        Set(cmd, "max_slippage_bps", a.MaxSlippageBps);
    }

    public static Order ReadOrder(NpgsqlDataReader r) => OrderRow.Read(r, (row, i) => row.GetDecimal(i));

    public const string FillColumns =
        "id, order_id, trader_id, execution_id, quantity, price, venue, commission, timestamp";

    public static Fill ReadFill(NpgsqlDataReader r) => new(
        Guid.Parse(r.GetString(0)), new OrderId(Guid.Parse(r.GetString(1))), new TraderId(r.GetString(2)),
        r.GetString(3), r.GetInt64(4), r.GetDecimal(5), r.GetString(6), r.GetDecimal(7), SqlText.Time(r.GetString(8)));

    public static AuditEntry ReadAudit(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        new AuditRecord(
            new OrderId(Guid.Parse(r.GetString(1))), new TraderId(r.GetString(2)),
            ApiNames.Parse<AuditAction>(r.GetString(3)), ApiNames.ParseOrNull<OrderStatus>(Text(r, 4)),
            Text(r, 5) is { } symbol ? Symbol.Of(symbol) : null, ApiNames.ParseOrNull<Side>(Text(r, 6)), r.GetInt64(7),
            NullableDecimal(r, 8),
            r.GetString(9), SqlText.Time(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11),
            r.IsDBNull(12) ? null : r.GetInt32(12), r.IsDBNull(13) ? null : r.GetString(13),
            ApiNames.ParseOrNull<ExecutionPath>(Text(r, 14)), ApiNames.Parse<Actor>(r.GetString(15))),
        r.GetString(16), r.GetString(17), r.IsDBNull(18) ? null : r.GetInt32(18),
        r.IsDBNull(19) ? null : r.GetInt64(19));

    public static Account ReadAccount(NpgsqlDataReader r)
    {
        var limitsSet = !r.IsDBNull(3) && !r.IsDBNull(4) && !r.IsDBNull(5) && !r.IsDBNull(6) && !r.IsDBNull(7);
        var limits = limitsSet
            ? new RiskLimits(r.GetInt64(3), r.GetDecimal(4), r.GetDecimal(5), r.GetInt32(6), r.GetDecimal(7),
                r.GetBoolean(8))
            : null;
        return new Account(new TraderId(r.GetString(0)), r.GetDecimal(1), limits, r.GetBoolean(9), r.GetInt64(2))
        {
            DefaultMaxSlippageBps = NullableDecimal(r, 10), MaxSlippageBps = NullableDecimal(r, 11),
        };
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static decimal? NullableDecimal(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

}
