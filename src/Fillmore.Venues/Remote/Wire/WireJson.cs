// The one JSON dialect of the exchange protocol, shared by the exchange and RemoteVenue:
// snake_case names like the rest of Fillmore, enums in UPPER_SNAKE_CASE (the ApiNames spelling),
// decimals as JSON numbers written exactly as they are (190.10 stays 190.10).
namespace Fillmore.Venues.Remote.Wire;

using System.Text.Json;
using System.Text.Json.Serialization;

public static class WireJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    /// <summary>Applies the protocol's settings to options owned by someone else (the exchange's HTTP JSON
    /// options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
