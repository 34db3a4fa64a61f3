// How results are shown: --json writes the API's own JSON (snake_case, one document, or one line per
// event when watching); otherwise Spectre tables, coloured only when stdout is a terminal (and
// NO_COLOR is unset). Errors go to stderr with the service's code and suggestion.
namespace Fillmore.Cli;

using System.Text.Json;
using Fillmore.Client;
using Spectre.Console;

public sealed class Output(bool json)
{
    public bool Json { get; } = json;

    public IAnsiConsole Console { get; } = Create();

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = System.Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null
                ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = System.Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = System.Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        // Piped into a file or grep, a table is read whole: no terminal width to wrap it at.
        if (System.Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    }

    public bool IsTerminal => !System.Console.IsOutputRedirected;

    public void Write<T>(T value, bool indented = true) => System.Console.Out.WriteLine(
        JsonSerializer.Serialize(value, indented ? Indented : FillmoreJson.Options));

    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Filled => $"[green]{Name(status)}[/]",
        OrderStatus.Rejected or OrderStatus.Denied or OrderStatus.Failed => $"[red]{Name(status)}[/]",
        OrderStatus.Cancelled or OrderStatus.Expired => $"[grey]{Name(status)}[/]",
        OrderStatus.Held => $"[blue]{Name(status)}[/]",
        _ => $"[yellow]{Name(status)}[/]",
    };

    public static string Name<T>(T value) where T : struct, Enum => FillmoreJson.Name(value);

    public static string Money(decimal? value) => value?.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static void Error(string message) => System.Console.Error.WriteLine(message);

    private static readonly JsonSerializerOptions Indented = new(FillmoreJson.Options) { WriteIndented = true };
}
