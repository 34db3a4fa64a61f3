// Reads and writes the client's enums as the API spells them (UPPER_SNAKE: STOP_LIMIT, PENDING_SUBMIT).
// A value this client does not know reads as the enum's Unknown member (0): the contract lets the
// service add statuses and types, and a bot must not break on one.
namespace Fillmore.Client;

using System.Text.Json;
using System.Text.Json.Serialization;

internal sealed class UpperSnakeEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(UpperSnakeEnumConverter<>).MakeGenericType(typeToConvert))!;
}
