// keys (admin): the service stores no API keys, only their SHA-256 in its configuration
// (Fillmore:Auth:ApiKeys; docs/api.md, "Authentication"), and serves no route to manage them yet. So
// `keys new` makes a random key here and prints the settings that install it, and `keys hash` the hash
// of a key you have; neither talks to the service.
namespace Fillmore.Cli;

using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

public static class KeysCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Required = true };
        var role = new Option<string>("--role") { DefaultValueFactory = _ => "trader", Description = "trader, compliance or admin." };
        var index = new Option<int>("--index") { DefaultValueFactory = _ => 0, Description = "Its place in Fillmore:Auth:ApiKeys." };
        var create = new Command("new", "Make a new API key and print the settings that install it") { user, role, index };
        create.SetAction(p =>
        {
            var key = "fm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            Print(p.GetValue(Cli.Json), key, p.GetValue(user)!, p.GetValue(role)!, p.GetValue(index));
            return ExitCodes.Ok;
        });
        var keyArgument = new Argument<string>("key");
        var hash = new Command("hash", "The SHA-256 the service stores for a key") { keyArgument };
        hash.SetAction(p =>
        {
            Console.WriteLine(Sha256(p.GetValue(keyArgument)!));
            return ExitCodes.Ok;
        });
        return new Command("keys", "API keys (admin): make one, hash one") { create, hash };
    }

    private static void Print(bool json, string key, string user, string role, int index)
    {
        var sha = Sha256(key);
        if (json)
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { key, user, role, key_sha256 = sha }));
            return;
        }
        Console.WriteLine($"key (shown once; give it to {user}): {key}");
        Console.WriteLine("install it with these environment variables (or the same under Fillmore:Auth:ApiKeys):");
        Console.WriteLine($"  Fillmore__Auth__ApiKeys__{index}__User={user}");
        Console.WriteLine($"  Fillmore__Auth__ApiKeys__{index}__Role={role}");
        Console.WriteLine($"  Fillmore__Auth__ApiKeys__{index}__KeySha256={sha}");
    }

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
