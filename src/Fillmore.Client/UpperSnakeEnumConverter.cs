// One enum's UPPER_SNAKE names both ways (see UpperSnakeEnumConverterFactory).
namespace Fillmore.Client;

using System.Text.Json;
using System.Text.Json.Serialization;

internal sealed class UpperSnakeEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
        .ToDictionary(v => Name(v), v => v, StringComparer.OrdinalIgnoreCase);

    public static string Name(T value) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } s && ByName.TryGetValue(s, out var v) ? v : default;

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Name(value));
}
