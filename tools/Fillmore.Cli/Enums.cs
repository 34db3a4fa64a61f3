// The API's enums read from the command line in their API spelling (BUY, STOP_LIMIT, in any case).
namespace Fillmore.Cli;

using System.CommandLine.Parsing;
using Fillmore.Client;

public static class Enums
{
    public static T Required<T>(ArgumentResult result) where T : struct, Enum => Optional<T>(result) ?? default;

    public static T? Optional<T>(ArgumentResult result) where T : struct, Enum
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Enum.TryParse<T>(text.Replace("_", "").Replace("-", ""), ignoreCase: true, out var value)
            && !text.All(char.IsDigit) && value.ToString() != "Unknown") return value;
        result.AddError($"'{text}' is not one of {string.Join(", ", Enum.GetValues<T>().Where(v => v.ToString() != "Unknown")
            .Select(v => FillmoreJson.Name(v)))}.");
        return null;
    }
}
