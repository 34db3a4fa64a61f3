// `dotnet run --project src/Fillmore.Api -- verify-audit [--db ./data/fillmore.db]`: verifies the
// audit chain of a database file without starting the service. The file is opened read-only (no
// migrations, nothing written), so it can run beside the service or on a copy. Prints the same
// JSON as GET /api/v1/audit/verify on stdout and one plain sentence on stderr.
// Exit code: 0 intact, 1 broken, 2 usage error or unreadable file.
namespace Fillmore.Api.Hosting;

using System.Text.Json;
using Fillmore.Api.Contracts;
using Fillmore.Core.Orders;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";
    public const int Intact = 0, Broken = 1, Error = 2;

    private const string Usage =
        "usage: verify-audit [--db <sqlite file>]   (default: $FILLMORE_DB, else ./data/fillmore.db)";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        TimeProvider time)
    {
        if (ParseDatabase(args) is not { } path)
        {
            await error.WriteLineAsync(Usage);
            return Error;
        }
        try
        {
            var verdict = await SqliteAuditReader.Open(path).VerifyAsync();
            await output.WriteLineAsync(JsonSerializer.Serialize(
                AuditVerificationResponse.From(verdict, time.GetUtcNow()),
                FillmoreJsonContext.Web.AuditVerificationResponse));
            await error.WriteLineAsync(verdict.Valid
                ? $"audit chain intact: {verdict.Entries} entries, head {verdict.HeadId} {verdict.HeadHash} ({path})"
                : $"audit chain BROKEN at entry {verdict.FirstBrokenId} ({ApiNames.Of(verdict.Problem!.Value)}): "
                    + $"{verdict.Detail}");
            return verdict.Valid ? Intact : Broken;
        }
        catch (Exception ex) when (ex is FileNotFoundException or SqliteException)
        {
            await error.WriteLineAsync($"verify-audit: cannot read the audit trail of {path}: {ex.Message}");
            return Error;
        }
    }

    private static string? ParseDatabase(IReadOnlyList<string> args) => args switch
    {
        [] => Environment.GetEnvironmentVariable("FILLMORE_DB") is { Length: > 0 } env ? env : "./data/fillmore.db",
        ["--db", var path] => path,
        [var single] when single.StartsWith("--db=", StringComparison.Ordinal) && single.Length > 5 => single[5..],
        _ => null,
    };
}
