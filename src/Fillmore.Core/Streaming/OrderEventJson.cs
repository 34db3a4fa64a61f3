// The wire form of an order event: one JSON object, snake_case fields, UPPER_SNAKE enums. The
// store keeps exactly these bytes (so replay sends what live delivery sent) and the stream and
// polling endpoints send them as they are. Fields may be added; none may be renamed or removed.
namespace Fillmore.Core.Streaming;

using System.Buffers;
using System.Text.Json;
using Fillmore.Core.Orders;

public static class OrderEventJson
{
    public static byte[] Serialize(OrderEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, e);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, OrderEvent e)
    {
        w.WriteStartObject();
        w.WriteNumber("seq", e.Seq);
        w.WriteString("event", e.Type);
        w.WriteString("order_id", e.OrderId.Value);
        WriteNullable(w, "client_order_id", e.ClientOrderId);
        w.WriteString("trader_id", e.TraderId.Value);
        w.WriteString("symbol", e.Symbol.Value);
        w.WriteString("side", ApiNames.Of(e.Side));
        w.WriteString("status", ApiNames.Of(e.Status));
        w.WriteNumber("quantity", e.Quantity);
        w.WriteNumber("filled_quantity", e.FilledQuantity);
        WriteNullable(w, "average_fill_price", e.AverageFillPrice);
        if (e.Fill is { } f)
        {
            w.WriteStartObject("fill");
            w.WriteString("execution_id", f.ExecutionId);
            w.WriteNumber("quantity", f.Quantity);
            w.WriteNumber("price", f.Price);
            w.WriteString("venue", f.Venue);
            w.WriteNumber("commission", f.Commission);
            w.WriteString("timestamp", f.Timestamp.UtcDateTime);
            w.WriteEndObject();
        }
        else w.WriteNull("fill");
        if (e.Position is { } position)
        {
            w.WriteStartObject("position");
            w.WriteString("symbol", position.Symbol);
            w.WriteNumber("quantity", position.Quantity);
            w.WriteNumber("average_cost", position.AverageCost);
            w.WriteEndObject();
        }
        else w.WriteNull("position");
        WriteNullable(w, "reason", e.Reason);
        w.WriteString("order_class", ApiNames.Of(e.OrderClass));
        WriteNullable(w, "parent_order_id", e.ParentOrderId?.ToString());
        w.WriteString("timestamp", e.Timestamp.UtcDateTime);
        w.WriteString("recorded_at", e.RecordedAt.UtcDateTime);
        w.WriteEndObject();
    }

    public static OrderEvent Deserialize(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var r = doc.RootElement;
        return new OrderEvent
        {
            Seq = r.GetProperty("seq").GetInt64(),
            Type = r.GetProperty("event").GetString()!,
            OrderId = new OrderId(r.GetProperty("order_id").GetGuid()),
            ClientOrderId = String(r, "client_order_id"),
            TraderId = new TraderId(r.GetProperty("trader_id").GetString()!),
            Symbol = Symbol.Of(r.GetProperty("symbol").GetString()!),
            Side = ApiNames.Parse<Side>(r.GetProperty("side").GetString()!),
            Status = ApiNames.Parse<OrderStatus>(r.GetProperty("status").GetString()!),
            Quantity = r.GetProperty("quantity").GetInt64(),
            FilledQuantity = r.GetProperty("filled_quantity").GetInt64(),
            AverageFillPrice = r.GetProperty("average_fill_price") is { ValueKind: JsonValueKind.Number } avg
                ? avg.GetDecimal() : null,
            Fill = r.GetProperty("fill") is { ValueKind: JsonValueKind.Object } f ? ReadFill(f) : null,
            Position = r.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Object
                ? new EventPosition(p.GetProperty("symbol").GetString()!, p.GetProperty("quantity").GetInt64(),
                    p.GetProperty("average_cost").GetDecimal())
                : null,
            Reason = String(r, "reason"),
            OrderClass = String(r, "order_class") is { } cls ? ApiNames.Parse<OrderClass>(cls) : OrderClass.Simple,
            ParentOrderId = String(r, "parent_order_id") is { } parent ? new OrderId(Guid.Parse(parent)) : null,
            Timestamp = r.GetProperty("timestamp").GetDateTimeOffset(),
            RecordedAt = r.GetProperty("recorded_at").GetDateTimeOffset(),
        };
    }

    private static EventFill ReadFill(JsonElement f) => new(
        f.GetProperty("execution_id").GetString()!, f.GetProperty("quantity").GetInt64(),
        f.GetProperty("price").GetDecimal(), f.GetProperty("venue").GetString()!,
        f.GetProperty("commission").GetDecimal(), f.GetProperty("timestamp").GetDateTimeOffset());

    private static string? String(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

}
