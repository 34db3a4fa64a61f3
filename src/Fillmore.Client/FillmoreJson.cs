// The JSON settings of the wire: snake_case names, UPPER_SNAKE enums, nulls left out of requests (the
// API reads a null as left out, and PATCH bodies here hold only amendable fields), unknown response
// fields ignored (the contract adds fields).
namespace Fillmore.Client;

using System.Text.Json;
using System.Text.Json.Serialization;

public static class FillmoreJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new UpperSnakeEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The API's spelling of an enum value (Side.Buy: BUY; OrderStatus.PendingSubmit:
    /// PENDING_SUBMIT).</summary>
    public static string Name<T>(T value) where T : struct, Enum => UpperSnakeEnumConverter<T>.Name(value);
}
