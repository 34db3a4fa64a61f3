// The options every command takes (--url, --key, --token, --json; FILLMORE_URL, FILLMORE_API_KEY,
// FILLMORE_TOKEN from the environment) and the one place a command's failure becomes an exit code:
// a refusal prints the service's code, message and suggestion (exit 1), an outage exit 3.
namespace Fillmore.Cli;

using System.CommandLine;
using Fillmore.Client;

public static class Cli
{
    public static readonly Option<string> Url = new("--url")
    {
        Description = "The service (default $FILLMORE_URL or http://127.0.0.1:5080).", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FILLMORE_URL") ?? "http://127.0.0.1:5080",
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "API key (default $FILLMORE_API_KEY).", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FILLMORE_API_KEY"),
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "A JWT instead of an API key (default $FILLMORE_TOKEN).", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FILLMORE_TOKEN"),
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write the API's JSON instead of tables.", Recursive = true,
    };

    /// <summary>Sets <paramref name="command"/>'s action: a client and an output for it, errors to exit codes.</summary>
    public static void Action(this Command command, Func<ParseResult, FillmoreClient, Output, CancellationToken,
        Task<int>> action) => command.SetAction(async (parse, ct) =>
    {
        var output = new Output(parse.GetValue(Json));
        try
        {
            using var client = new FillmoreClient(new FillmoreClientOptions
            {
                BaseAddress = new Uri(parse.GetValue(Url)!), ApiKey = parse.GetValue(Key),
                BearerToken = parse.GetValue(Token),
            });
            return await action(parse, client, output, ct);
        }
        catch (FillmoreApiException refused)
        {
            if (output.Json) output.Write(refused.Problem);
            else Refusal(refused);
            return refused.Problem.Status >= 500 ? ExitCodes.Unavailable : ExitCodes.Refused;
        }
        catch (FillmoreConnectionException down)
        {
            Output.Error($"fillmore: {down.Message}");
            return ExitCodes.Unavailable;
        }
        catch (UriFormatException bad)
        {
            Output.Error($"fillmore: --url: {bad.Message}");
            return ExitCodes.Usage;
        }
    });

    private static void Refusal(FillmoreApiException refused)
    {
        var p = refused.Problem;
        Output.Error($"refused: {p.Status} {p.Code}: {p.Detail}");
        foreach (var e in p.Errors) Output.Error($"  {e.Field ?? "-"}: {e.Code}: {e.Message} {e.Suggestion}".TrimEnd());
        if (p.OrderId is { } id) Output.Error($"  order: {id}");
    }
}
