// audit verify --db FILE: the audit chain of a SQLite database checked here, without the service: the
// file opened read-only (SqliteAuditReader, as `verify-audit` reads it, so it may run beside the
// service or on a copy), the rows streamed page by page through Core's verifier (AuditTrailCheck).
// On a terminal a progress bar counts the entries up to the newest one. The verdict has the shape of
// GET /api/v1/audit/verify. With --checkpoint, the trail is also checked against checkpoints kept
// outside the database (every partition's head: entries cut from the end of any partition, a
// partition rewritten and rehashed); a checkpoint that proves nothing (altered, of an unknown
// version, or not signed by the --public-key given) is said on stderr, with its code, and no
// verdict is drawn from it.
namespace Fillmore.Cli;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Spectre.Console;

public static class OfflineAudit
{
    /// <returns>The verdict; null when the file cannot be read as a Fillmore database (said on stderr).</returns>
    public static async Task<Client.AuditVerification?> VerifyAsync(string path, string? checkpointFile,
        string? publicKeyFile, Output output, CancellationToken ct)
    {
        try
        {
            var reader = SqliteAuditReader.Open(path);
            if (checkpointFile is not null)
                return await AgainstCheckpointsAsync(reader, checkpointFile, publicKeyFile, ct);
            var verdict = output.IsTerminal && !output.Json
                ? await output.Console.Progress().StartAsync(async progress =>
                {
                    var bar = progress.AddTask("verifying the audit chain", maxValue: Math.Max(1,
                        await reader.LastIdAsync(ct)));
                    var result = await AuditTrailCheck.RunAsync(async (after, limit, token) =>
                    {
                        var page = await reader.ReadPageAsync(after, limit, token);
                        if (page.Count > 0) bar.Value = page[^1].Id;
                        return page;
                    }, ct: ct, partitions: await reader.PartitionsAsync(ct));
                    bar.Value = bar.MaxValue;
                    return result;
                })
                : await AuditTrailCheck.RunAsync(reader.ReadPageAsync, ct: ct,
                    partitions: await reader.PartitionsAsync(ct));
            return Shown(verdict);
        }
        catch (Exception ex) when (ex is FileNotFoundException or SqliteException or IOException
                                       or UnauthorizedAccessException or System.Text.Json.JsonException
                                       or KeyNotFoundException or InvalidOperationException or FormatException
                                       or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            Output.Error($"fillmore: {(ex is SqliteException or FileNotFoundException ? "--db" : "--checkpoint")}: "
                + ex.Message);
            return null;
        }
    }

    private static async Task<Client.AuditVerification?> AgainstCheckpointsAsync(SqliteAuditReader reader,
        string checkpointFile, string? publicKeyFile, CancellationToken ct)
    {
        var trusted = publicKeyFile is { } key ? new HashSet<string> { CheckpointFile.KeyId(key) } : null;
        var check = await AuditCheckpointCheck.RunAsync(reader.ReadPageAsync, CheckpointFile.Read(checkpointFile),
            trusted, ct, await reader.PartitionsAsync(ct));
        if (check.Unusable is { } unusable)
        {
            Output.Error($"fillmore: --checkpoint: {unusable.Code}: {unusable.Detail}");
            return null;
        }
        return Shown(check.Verification);
    }

    private static Client.AuditVerification Shown(AuditVerification verdict) => new()
    {
        Valid = verdict.Valid, Entries = verdict.Entries, HeadId = verdict.HeadId, HeadHash = verdict.HeadHash,
        FirstBrokenId = verdict.FirstBrokenId, FirstBrokenPartition = verdict.FirstBrokenPartition,
        FirstBrokenSeq = verdict.FirstBrokenSeq, Detail = verdict.Detail, VerifiedAt = DateTimeOffset.UtcNow,
        Problem = verdict.Problem is { } problem ? ApiNames.Of(problem) : null,
    };
}
