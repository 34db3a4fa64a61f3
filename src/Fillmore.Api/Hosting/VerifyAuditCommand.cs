// `dotnet run --project src/Fillmore.Api -- verify-audit [--db ./data/fillmore.db | --postgres CONN]
//  [--checkpoint FILE] [--public-key FILE]`: verifies the audit chain of a database without
// starting the service. The SQLite file is opened read-only, PostgreSQL in a read-only session (no
// migrations, nothing written), so it can run beside the service or on a copy. Prints the same
// JSON as GET /api/v1/audit/verify on stdout and one plain sentence on stderr.
// --checkpoint: checkpoints kept outside the database (a saved GET /api/v1/audit/checkpoints page,
// one checkpoint, or an array of them) are checked against the chain too: entries cut from the
// end, or a chain rewritten with its hashes recomputed, only show that way (AuditCheckpointCheck).
// --public-key: the signing key to trust (a PEM public key, or the saved /checkpoints/key answer);
// without it a checkpoint is only checked against the key it carries.
// Exit code: 0 intact, 1 broken, 2 usage error, unreadable file, or a checkpoint that proves nothing.
namespace Fillmore.Api.Hosting;

using System.Security.Cryptography;
using System.Text.Json;
using Fillmore.Api.Contracts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Storage.Postgres;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";
    public const int Intact = 0, Broken = 1, Error = 2;

    private const string Usage = "usage: verify-audit [--db <sqlite file> | --postgres <connection string>] "
        + "[--checkpoint <file>] [--public-key <file>]   (default db: $FILLMORE_DB, else ./data/fillmore.db)";

    private sealed record Arguments(string Database, string? Postgres, string? Checkpoint, string? PublicKey);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        TimeProvider time)
    {
        if (Parse(args) is not { } parsed)
        {
            await error.WriteLineAsync(Usage);
            return Error;
        }
        try
        {
            Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage;
            int? partitions;
            if (parsed.Postgres is { } pg)
            {
                var reader = PostgresAuditReader.Open(pg);
                (readPage, partitions) = (reader.ReadPageAsync, await reader.PartitionsAsync());
            }
            else
            {
                var reader = SqliteAuditReader.Open(parsed.Database);
                (readPage, partitions) = (reader.ReadPageAsync, await reader.PartitionsAsync());
            }
            var source = parsed.Postgres is null ? parsed.Database : "PostgreSQL";
            var (response, exit, sentence) = parsed.Checkpoint is { } file
                ? await AgainstCheckpointsAsync(readPage, partitions, source, file, parsed.PublicKey, time)
                : await ChainAsync(readPage, partitions, source, time);
            await output.WriteLineAsync(JsonSerializer.Serialize(response,
                FillmoreJsonContext.Web.AuditVerificationResponse));
            await error.WriteLineAsync(sentence);
            return exit;
        }
        catch (Exception ex) when (ex is FileNotFoundException or SqliteException or IOException
                                       or UnauthorizedAccessException or JsonException or FormatException
                                       or CryptographicException or ArgumentException or NpgsqlException)
        {
            await error.WriteLineAsync($"verify-audit: {ex.Message}");
            return Error;
        }
    }

    private static async Task<(AuditVerificationResponse, int, string)> ChainAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage, int? partitions, string source,
        TimeProvider time)
    {
        var verdict = await AuditTrailCheck.RunAsync(readPage, partitions: partitions);
        return (AuditVerificationResponse.From(verdict, time.GetUtcNow()), verdict.Valid ? Intact : Broken,
            Sentence(verdict, source));
    }

    private static async Task<(AuditVerificationResponse, int, string)> AgainstCheckpointsAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage, int? partitions, string source,
        string file, string? publicKey, TimeProvider time)
    {
        var trusted = publicKey is { } key ? new HashSet<string> { ReadKeyId(key) } : null;
        var check = await AuditCheckpointCheck.RunAsync(readPage, ReadCheckpoints(file), trusted,
            partitions: partitions);
        var verdict = check.Verification;
        var response = AuditVerificationResponse.From(verdict, time.GetUtcNow())
            with { Checkpoint = AuditCheckpointCheckResponse.From(check) };
        return check.Unusable is { } unusable ? (response, Error, $"checkpoint unusable: {unusable.Detail}")
            : verdict.Valid ? (response, Intact, $"{Sentence(verdict, source)}; consistent with "
                + $"{check.Checkpoints} checkpoint(s), the newest covering {check.Deciding?.HeadId} entries"
                + (check.Deciding is { Version: AuditCheckpoint.Partitioned } d
                    ? $" in {d.Heads.Count} partition(s)" : ""))
            : (response, Broken, Sentence(verdict, source));
    }

    private static string Sentence(AuditVerification verdict, string path) => verdict.Valid
        ? $"audit chain intact: {verdict.Entries} entries, head {verdict.HeadId} {verdict.HeadHash} ({path})"
        : $"audit chain BROKEN at {Where(verdict)} ({ApiNames.Of(verdict.Problem!.Value)}): {verdict.Detail}";

    // The first broken entry: its partition and place there (and its id, if it is still stored), or its id in the
    // legacy segment.
    private static string Where(AuditVerification v) => v.FirstBrokenPartition is { } partition
        ? $"partition {partition} entry {v.FirstBrokenSeq}" + (v.FirstBrokenId is { } id ? $" (id {id})" : "")
        : $"entry {v.FirstBrokenId}";

    private static Arguments? Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v)
                : i + 1 < args.Count ? (args[i], args[++i]) : (args[i], "");
            if (name is not ("--db" or "--postgres" or "--checkpoint" or "--public-key") || value.Length == 0
                || !values.TryAdd(name, value)) return null;
        }
        var db = values.GetValueOrDefault("--db")
            ?? (Environment.GetEnvironmentVariable("FILLMORE_DB") is { Length: > 0 } env ? env : "./data/fillmore.db");
        if (values.ContainsKey("--public-key") && !values.ContainsKey("--checkpoint")) return null;
        if (values.ContainsKey("--db") && values.ContainsKey("--postgres")) return null;
        return new Arguments(db, values.GetValueOrDefault("--postgres"), values.GetValueOrDefault("--checkpoint"),
            values.GetValueOrDefault("--public-key"));
    }

    // One checkpoint, an array of them, or a saved page ({"data": [...]}).
    private static List<AuditCheckpoint> ReadCheckpoints(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList()
            : root.TryGetProperty("data", out var data) ? data.EnumerateArray().ToList() : [root];
        var checkpoints = items.Select(item => item.Deserialize(FillmoreJsonContext.Web.AuditCheckpointResponse)
            ?.ToCheckpoint() ?? throw new JsonException($"{path} holds a null checkpoint.")).ToList();
        return checkpoints.Count > 0 ? checkpoints : throw new JsonException($"{path} holds no checkpoint.");
    }

    // A PEM public key, or the saved answer of GET /api/v1/audit/checkpoints/key.
    private static string ReadKeyId(string path)
    {
        var text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('{'))
            return JsonSerializer.Deserialize(text, FillmoreJsonContext.Web.AuditCheckpointKeyResponse)?.KeyId
                ?? throw new JsonException($"{path} holds no key.");
        using var key = ECDsa.Create();
        key.ImportFromPem(text);
        return AuditCheckpointSigner.KeyIdOf(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }
}
