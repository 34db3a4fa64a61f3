// keys (admin): the API key lifecycle through the service's admin API (docs/api.md, "API keys"):
// `create` (the key is printed once: the service keeps only its hash), `list`, `show`, `rotate` (a new
// key; the old one stops now or after --grace-seconds) and `revoke`. Each change is a control entry in
// the audit trail naming the administrator. Two commands stay local, for keys kept in configuration
// (Fillmore:Auth:ApiKeys, e.g. the first administrator's, before any key can call the admin API):
// `new` makes a random key and prints the settings that install it, `hash` the SHA-256 of a key you have.
namespace Fillmore.Cli;

using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Fillmore.Client;
using Spectre.Console;

public static class KeysCommand
{
    public static Command Create() => new("keys", "API keys (admin): create, list, show, rotate, revoke; new and hash "
        + "for keys kept in configuration")
    {
        CreateKey(), List(), Show(), Rotate(), Revoke(), Local(), Hash(),
    };

    private static Command CreateKey()
    {
        var user = new Option<string>("--user") { Required = true, Description = "The user the key authenticates as." };
        var scope = new Option<string>("--scope")
        {
            DefaultValueFactory = _ => "trade", Description = "trade, read-only, compliance or admin.",
        };
        var label = new Option<string?>("--label") { Description = "What the key is for (shown in listings)." };
        var expires = new Option<DateTimeOffset?>("--expires-at") { Description = "When it stops working (ISO 8601)." };
        var command = new Command("create", "Create an API key on the service; the key is shown once")
        {
            user, scope, label, expires,
        };
        command.Action(async (p, client, output, ct) =>
        {
            var key = await client.Admin.CreateApiKeyAsync(new ApiKeyRequest(p.GetValue(user)!, p.GetValue(scope)!)
            {
                Label = p.GetValue(label), ExpiresAt = p.GetValue(expires),
            }, ct);
            Show(output, key);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var user = new Option<string?>("--user") { Description = "One user's keys only." };
        var command = new Command("list", "The keys created on the service, newest first, with their last use") { user };
        command.Action(async (p, client, output, ct) =>
        {
            var keys = await client.Admin.ListApiKeysAsync(p.GetValue(user), ct);
            if (output.Json) output.Write(new { keys });
            else output.Console.Write(Tables.ApiKeys(keys));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The key's id (fmk_ and 12 hex digits), never the key." };
        var command = new Command("show", "One API key") { id };
        command.Action(async (p, client, output, ct) =>
        {
            Show(output, await client.Admin.GetApiKeyAsync(p.GetValue(id)!, ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rotate()
    {
        var id = new Argument<string>("id");
        var grace = new Option<int?>("--grace-seconds")
        {
            Description = "How long the old key keeps working (0 to 86400; default: it stops now).",
        };
        var command = new Command("rotate", "Replace a key with a new one (shown once)") { id, grace };
        command.Action(async (p, client, output, ct) =>
        {
            var rotation = await client.Admin.RotateApiKeyAsync(p.GetValue(id)!, p.GetValue(grace), ct);
            if (output.Json)
            {
                output.Write(rotation);
                return ExitCodes.Ok;
            }
            Show(output, rotation.Key);
            var old = rotation.Replaced;
            output.Console.WriteLine(old.RevokedAt is not null ? $"{old.Id} is revoked."
                : $"{old.Id} keeps working until {old.ExpiresAt:u}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id");
        var reason = new Option<string?>("--reason") { Description = "Recorded in the audit trail." };
        var command = new Command("revoke", "Revoke a key on every node") { id, reason };
        command.Action(async (p, client, output, ct) =>
        {
            Show(output, await client.Admin.RevokeApiKeyAsync(p.GetValue(id)!, p.GetValue(reason), ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    // A key as JSON, or its facts; the key itself, when the answer carries it, on a line of its own.
    private static void Show(Output output, ApiKey key)
    {
        if (output.Json)
        {
            output.Write(key);
            return;
        }
        if (key.Key is { } secret)
            output.Console.MarkupLine($"key (shown once; give it to {Markup.Escape(key.User)}): "
                + $"[bold]{Markup.Escape(secret)}[/]");
        output.Console.Write(Tables.ApiKey(key));
    }

    private static Command Local()
    {
        var user = new Option<string>("--user") { Required = true };
        var role = new Option<string>("--role") { DefaultValueFactory = _ => "trader", Description = "trader, compliance or admin." };
        var index = new Option<int>("--index") { DefaultValueFactory = _ => 0, Description = "Its place in Fillmore:Auth:ApiKeys." };
        var command = new Command("new", "Make a key here for the configuration (no service call) and print the "
            + "settings that install it") { user, role, index };
        command.SetAction(p =>
        {
            var key = "fm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            Print(p.GetValue(Cli.Json), key, p.GetValue(user)!, p.GetValue(role)!, p.GetValue(index));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Hash()
    {
        var keyArgument = new Argument<string>("key");
        var command = new Command("hash", "The SHA-256 the configuration stores for a key") { keyArgument };
        command.SetAction(p =>
        {
            Console.WriteLine(Sha256(p.GetValue(keyArgument)!));
            return ExitCodes.Ok;
        });
        return command;
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
