// A ghost order as a row of the ghosts table, once for both providers: the columns, the value of
// each, the guarded insert and update, and the ghost read back from a row. Times are ISO text,
// as everywhere in the store; enums their published names.
namespace Fillmore.Storage;

using System.Data.Common;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal static class GhostRow
{
    public static readonly string[] ColumnNames =
    [
        "order_id", "venue", "symbol", "side", "quantity", "venue_status", "first_seen_at", "account",
        "filled_quantity", "cancel_requested_at", "cancel_requested_by", "closed_at", "resolution", "close_reason",
        "resolved_by", "version",
    ];

    public static string Columns => string.Join(", ", ColumnNames);

    /// <summary>Inserts a new ghost; one stored already (another node reported it) is left as it is.</summary>
    public static string Insert(Func<string, string> parameter) =>
        $"INSERT INTO ghosts ({Columns}) VALUES ({string.Join(", ", ColumnNames.Select(parameter))}) "
        + "ON CONFLICT (order_id) DO NOTHING";

    /// <summary>Replaces a ghost that is still at the version before this one.</summary>
    public static string Update(Func<string, string> parameter) =>
        $"UPDATE ghosts SET {string.Join(", ", ColumnNames.Skip(1).Select(c => $"{c} = {parameter(c)}"))} "
        + $"WHERE order_id = {parameter("order_id")} AND version = {parameter("version")} - 1";

    public static IEnumerable<(string Column, object? Value)> Values(Ghost g)
    {
        string? Time(DateTimeOffset? t) => t is { } v ? SqlText.Of(v) : null;
        return
        [
            ("order_id", g.OrderId.ToString()), ("venue", g.Venue), ("symbol", g.Symbol.Value),
            ("side", ApiNames.Of(g.Side)), ("quantity", g.Quantity), ("venue_status", ApiNames.Of(g.VenueStatus)),
            ("first_seen_at", SqlText.Of(g.FirstSeenAt)), ("account", g.Account),
            ("filled_quantity", g.FilledQuantity), ("cancel_requested_at", Time(g.CancelRequestedAt)),
            ("cancel_requested_by", g.CancelRequestedBy), ("closed_at", Time(g.ClosedAt)),
            ("resolution", g.Resolution is { } r ? ApiNames.Of(r) : null), ("close_reason", g.CloseReason),
            ("resolved_by", g.ResolvedBy), ("version", g.Version),
        ];
    }

    /// <summary>The ghost in a row whose columns are <see cref="ColumnNames"/>, in that order.</summary>
    public static Ghost Read(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : SqlText.Time(r.GetString(i));
        return new Ghost(new OrderId(Guid.Parse(r.GetString(0))), r.GetString(1), Symbol.Of(r.GetString(2)),
            ApiNames.Parse<Side>(r.GetString(3)), r.GetInt64(4), ApiNames.Parse<VenueOrderStatus>(r.GetString(5)),
            SqlText.Time(r.GetString(6)))
        {
            Account = Text(7), FilledQuantity = r.GetInt64(8), CancelRequestedAt = Time(9),
            CancelRequestedBy = Text(10),
            ClosedAt = Time(11), Resolution = Text(12) is { } resolution ? ApiNames.Parse<GhostResolution>(resolution)
                : null,
            CloseReason = Text(13), ResolvedBy = Text(14), Version = r.GetInt64(15),
        };
    }

    /// <summary>The WHERE clause of a listing: open ghosts, closed ones, or all.</summary>
    public static string Where(bool? open) => open switch
    {
        true => "WHERE closed_at IS NULL",
        false => "WHERE closed_at IS NOT NULL",
        null => "",
    };
}
