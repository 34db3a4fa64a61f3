// The routing rationale as it is kept in the audit trail (the ROUTED entry's reason) and served by
// GET /api/v1/orders/{id}/routing: snake_case JSON, numbers as JSON numbers.
namespace Fillmore.Core.Routing;

using System.Text;
using System.Text.Json;

public static class RoutingJson
{
    public static string Write(RoutingDecision decision)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("venue", decision.Venue);
            w.WriteString("reason", decision.Reason);
            w.WriteStartArray("considered");
            foreach (var o in decision.Considered) Write(w, o);
            w.WriteEndArray();
            w.WriteStartArray("allocations");
            foreach (var a in decision.Allocations)
            {
                w.WriteStartObject();
                w.WriteString("venue", a.Venue);
                w.WriteNumber("quantity", a.Quantity);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, RouteOption o)
    {
        w.WriteStartObject();
        w.WriteString("venue", o.Venue);
        Number(w, "bid", o.Bid);
        Number(w, "ask", o.Ask);
        if (o.DisplayedSize is { } size) w.WriteNumber("displayed_size", size);
        else w.WriteNull("displayed_size");
        Number(w, "price", o.Price);
        Number(w, "fee_per_share", o.FeePerShare);
        Number(w, "effective_price", o.EffectivePrice);
        w.WriteString("liquidity", o.Liquidity);
        w.WriteString("health", o.Health);
        w.WriteBoolean("eligible", o.Eligible);
        w.WriteString("excluded", o.Excluded);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
