// An order as a row of the orders table, once for both providers: the column list, the value of
// each column, and the order read back from a row. The providers differ only in how a decimal
// travels (SQLite: exact text; PostgreSQL: numeric), so they pass that in. What changes after
// creation (OrderProgress) is what UpdateColumns lists; the spec and the family never change.
namespace Fillmore.Storage;

using System.Data.Common;
using Fillmore.Core.Orders;

internal static class OrderRow
{
    public static readonly string[] InsertColumns =
    [
        "id", "trader_id", "client_order_id", "symbol", "side", "quantity", "order_type", "price", "stop_price",
        "time_in_force", "stop_loss", "take_profit", "status", "filled_quantity", "average_fill_price", "venue",
        "reason", "execution_path", "created_at", "updated_at", "version", "reserve_price", "attempts", "first_sent_at",
        "failure_acknowledged_at", "order_class", "stop_loss_limit_price", "trail_price", "trail_percent", "expire_at",
        "parent_order_id", "leg_role", "expires_at", "working_type", "working_quantity", "working_price",
        "working_stop_price", "working_time_in_force", "amend_quantity", "amend_price", "amend_stop_price",
        "venue_revision", "trigger_price", "watermark", "triggered_at", "cancel_intent", "working_trail_price",
        "working_trail_percent", "max_slippage_bps", "max_wait_seconds", "slippage_limit_bps", "timeout_at",
        "arrival_price", "in_doubt_since", "smart_routed",
    ];

    /// <summary>The columns an update writes: the order's progress (see OrderProgress), never its spec; and its
    /// venue, which only a SMART order's release moves (ReleaseRisk), before any venue may have it.</summary>
    public static readonly string[] UpdateColumns =
    [
        "status", "filled_quantity", "average_fill_price", "reason", "updated_at", "version", "attempts",
        "first_sent_at", "failure_acknowledged_at", "working_type", "working_quantity", "working_price",
        "working_stop_price", "working_time_in_force", "amend_quantity", "amend_price", "amend_stop_price",
        "venue_revision", "trigger_price", "watermark", "triggered_at", "cancel_intent", "working_trail_price",
        "working_trail_percent", "arrival_price", "in_doubt_since", "venue",
    ];

    public static string Columns => string.Join(", ", InsertColumns);

    // Found by name, not by a position that shifts whenever a column is added before it.
    private static readonly int InDoubtSinceColumn = Array.IndexOf(InsertColumns, "in_doubt_since");
    private static readonly int SmartRoutedColumn = Array.IndexOf(InsertColumns, "smart_routed");

    /// <summary>"INSERT INTO orders (...) VALUES (p(...))" with each parameter named by
    /// <paramref name="parameter"/>, and the quantity of the fills inserted with it (recorded_quantity).</summary>
    public static string Insert(Func<string, string> parameter, params string[] extra) =>
        $"INSERT INTO orders ({string.Join(", ", InsertColumns.Concat(extra).Append(RecordedQuantity))}) "
        + $"VALUES ({string.Join(", ", InsertColumns.Concat(extra).Append(RecordedQuantity).Select(parameter))})";

    /// <summary>The guarded update: only when the stored version is the one the change was derived from. The
    /// change's fills add to recorded_quantity (RecordedAdded).</summary>
    public static string Update(Func<string, string> parameter, params string[] extra) =>
        $"UPDATE orders SET {string.Join(", ", UpdateColumns.Concat(extra).Select(c => $"{c} = {parameter(c)}"))}, "
        + $"{RecordedQuantity} = {RecordedQuantity} + {parameter(RecordedAdded)} "
        + $"WHERE id = {parameter("id")} AND version = {parameter("expected_version")}";

    /// <summary>An append-only change's fills (the order row itself unchanged), added under the same guard.</summary>
    public static string AddRecorded(Func<string, string> parameter) =>
        $"UPDATE orders SET {RecordedQuantity} = {RecordedQuantity} + {parameter(RecordedAdded)} "
        + $"WHERE id = {parameter("id")} AND version = {parameter("expected_version")}";

    // The sum of the order's stored fills, kept by the writer beside filled_quantity (the venue's totals) so that
    // an order short of its fills is found through an index (ix_orders_fills_short), not by summing every order's
    // fills. It is the store's bookkeeping, not part of Order.
    public const string RecordedQuantity = "recorded_quantity";
    public const string RecordedAdded = "recorded_added";

    /// <summary>An order short of its fills, as the partial index ix_orders_fills_short says it (the text must match
    /// the index's for the planners to use it). An order SMART split (venue SMART) is filled by its parts, whose
    /// fills are stored under them: it never has fills of its own.</summary>
    public const string ShortOfFills = "filled_quantity > recorded_quantity AND venue <> 'SMART'";

    /// <summary>Every column's value; <paramref name="money"/> turns a decimal into what the provider stores.</summary>
    public static IEnumerable<(string Column, object? Value)> Values(Order o, Func<decimal?, object?> money)
    {
        string? Time(DateTimeOffset? t) => t is { } v ? SqlText.Of(v) : null;
        var s = o.Spec;
        var t = o.Terms;
        return
        [
            ("id", o.Id.ToString()), ("trader_id", o.TraderId.Value), ("client_order_id", o.ClientOrderId),
            ("symbol", s.Symbol.Value), ("side", ApiNames.Of(s.Side)), ("quantity", s.Quantity),
            ("order_type", ApiNames.Of(s.Type)), ("price", money(s.LimitPrice)), ("stop_price", money(s.StopPrice)),
            ("time_in_force", ApiNames.Of(s.TimeInForce)), ("stop_loss", money(s.StopLoss)),
            ("take_profit", money(s.TakeProfit)), ("status", ApiNames.Of(o.Status)),
            ("filled_quantity", o.FilledQuantity), ("average_fill_price", money(o.AverageFillPrice)),
            ("venue", o.Venue), ("reason", o.Reason), ("execution_path", ApiNames.Of(o.Path)),
            ("created_at", SqlText.Of(o.CreatedAt)), ("updated_at", SqlText.Of(o.UpdatedAt)), ("version", o.Version),
            ("reserve_price", money(o.ReservePrice)), ("attempts", o.Attempts), ("first_sent_at", Time(o.FirstSentAt)),
            ("failure_acknowledged_at", Time(o.FailureAcknowledgedAt)), ("order_class", ApiNames.Of(s.Class)),
            ("stop_loss_limit_price", money(s.StopLossLimitPrice)), ("trail_price", money(s.TrailPrice)),
            ("trail_percent", money(s.TrailPercent)), ("expire_at", Time(s.ExpireAt)),
            ("parent_order_id", o.ParentOrderId?.ToString()), ("leg_role", ApiNames.Of(o.Role)),
            ("expires_at", Time(o.ExpiresAt)), ("working_type", ApiNames.Of(t.Type)), ("working_quantity", t.Quantity),
            ("working_price", money(t.LimitPrice)), ("working_stop_price", money(t.StopPrice)),
            ("working_time_in_force", ApiNames.Of(t.TimeInForce)), ("amend_quantity", o.PendingAmend?.Quantity),
            ("amend_price", money(o.PendingAmend?.LimitPrice)), ("amend_stop_price", money(o.PendingAmend?.StopPrice)),
            ("venue_revision", o.VenueRevision), ("trigger_price", money(o.TriggerPrice)),
            ("watermark", money(o.Watermark)), ("triggered_at", Time(o.TriggeredAt)), ("cancel_intent", o.CancelIntent),
            ("working_trail_price", money(t.TrailPrice)), ("working_trail_percent", money(t.TrailPercent)),
            ("max_slippage_bps", money(s.MaxSlippageBps)), ("max_wait_seconds", s.MaxWaitSeconds),
            ("slippage_limit_bps", money(o.SlippageLimitBps)), ("timeout_at", Time(o.TimeoutAt)),
            ("arrival_price", money(o.ArrivalPrice)), ("in_doubt_since", Time(o.InDoubtSince)),
            ("smart_routed", o.SmartRouted),
        ];
    }

    /// <summary>The order in a row whose columns are <see cref="InsertColumns"/>, in that order.</summary>
    public static Order Read(DbDataReader r, Func<DbDataReader, int, decimal?> money)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : SqlText.Time(r.GetString(i));
        decimal? Money(int i) => r.IsDBNull(i) ? null : money(r, i);
        var spec = new OrderSpec(Symbol.Of(r.GetString(3)), ApiNames.Parse<Side>(r.GetString(4)), r.GetInt64(5),
            ApiNames.Parse<OrderType>(r.GetString(6)), Money(7), Money(8), ApiNames.Parse<TimeInForce>(r.GetString(9)),
            Money(10), Money(11))
        {
            Class = ApiNames.Parse<OrderClass>(r.GetString(25)), StopLossLimitPrice = Money(26), TrailPrice = Money(27),
            TrailPercent = Money(28), ExpireAt = Time(29), MaxSlippageBps = Money(48),
            MaxWaitSeconds = r.IsDBNull(49) ? null : r.GetInt32(49),
        };
        var terms = new OrderTerms(ApiNames.Parse<OrderType>(r.GetString(33)), r.GetInt64(34), Money(35), Money(36),
            ApiNames.Parse<TimeInForce>(r.GetString(37))) { TrailPrice = Money(46), TrailPercent = Money(47) };
        var order = new Order
        {
            Id = new OrderId(Guid.Parse(r.GetString(0))), TraderId = new TraderId(r.GetString(1)),
            ClientOrderId = Text(2), Spec = spec, Venue = r.GetString(15), Reason = Text(16),
            Path = ApiNames.Parse<ExecutionPath>(r.GetString(17)), CreatedAt = SqlText.Time(r.GetString(18)),
            UpdatedAt = SqlText.Time(r.GetString(19)), ReservePrice = Money(21),
            ParentOrderId = Text(30) is { } parent ? new OrderId(Guid.Parse(parent)) : null,
            Role = ApiNames.Parse<LegRole>(r.GetString(31)), ExpiresAt = Time(32), SlippageLimitBps = Money(50),
            TimeoutAt = Time(51), SmartRouted = r.GetBoolean(SmartRoutedColumn),
        };
        return order.Restored(new OrderProgress(ApiNames.Parse<OrderStatus>(r.GetString(12)), r.GetInt64(13), Money(14),
            r.GetInt64(20))
        {
            Attempts = r.GetInt32(22), FirstSentAt = Time(23), FailureAcknowledgedAt = Time(24), Terms = terms,
            PendingAmend = r.IsDBNull(38) ? null
                : terms with { Quantity = r.GetInt64(38), LimitPrice = Money(39), StopPrice = Money(40) },
            VenueRevision = r.GetInt32(41), TriggerPrice = Money(42), Watermark = Money(43), TriggeredAt = Time(44),
            CancelIntent = Text(45), ArrivalPrice = Money(52),
            InDoubtSince = Time(InDoubtSinceColumn),
        });
    }
}
