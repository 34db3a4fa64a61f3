// fillmore: the command line of the Fillmore service, on the client library (Fillmore.Client).
//   fillmore submit AAPL BUY 10 --type LIMIT --price 189 --stop-loss 180 --take-profit 200 --tif GTC
//   fillmore orders --status PENDING · fillmore order ID · fillmore watch --since 0 · fillmore account
// Tables on a terminal (colour only there and without NO_COLOR), the API's JSON with --json. Exit
// codes (ExitCodes): 0 done, 1 refused, 2 usage, 3 service unreachable, 4 audit chain broken.
using System.CommandLine;
using Fillmore.Cli;

var root = new RootCommand("fillmore: submit, amend, cancel and watch orders; account, audit, reports")
{
    Cli.Url, Cli.Key, Cli.Token, Cli.Json,
};
foreach (var command in OrderCommands.All().Concat(AccountCommands.All()).Append(WatchCommand.Create())
    .Append(KeysCommand.Create()))
    root.Subcommands.Add(command);
var parse = root.Parse(args);
// A command line that does not parse is a usage error (2), not a refusal.
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Try 'fillmore --help'.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();
