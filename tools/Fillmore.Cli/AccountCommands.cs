// account, audit verify, report: what a trader or compliance reads about the whole account. The
// report is streamed to a file with a progress bar on a terminal; audit verify (on the service, or on
// a database file with --db) exits 4 when the chain is broken, so a cron job can alert on it.
namespace Fillmore.Cli;

using System.CommandLine;
using Fillmore.Client;
using Spectre.Console;

public static class AccountCommands
{
    public static IEnumerable<Command> All() => [Account(), Audit(), Report()];

    private static Command Account()
    {
        var trader = new Option<string?>("--trader") { Description = "Compliance: one trader's account." };
        var command = new Command("account", "Cash, buying power, positions and P&L") { trader };
        command.Action(async (p, client, output, ct) =>
        {
            var account = await client.GetAccountAsync(p.GetValue(trader), ct);
            if (output.Json) output.Write(account);
            else output.Console.Write(Tables.Account(account));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Audit()
    {
        var db = new Option<string?>("--db")
        {
            Description = "Verify this SQLite database file here, read-only, instead of asking the service.",
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "With --db: also check the trail against checkpoints kept outside the database (a saved "
                + "GET /api/v1/audit/checkpoints page, one checkpoint, or an array): catches entries cut from the end "
                + "of any partition and a partition rewritten with its hashes recomputed.",
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "With --checkpoint: the signing key to trust (a PEM public key, or the saved "
                + "/api/v1/audit/checkpoints/key answer).",
        };
        var verify = new Command("verify", "Recompute the whole audit chain, on the service (compliance) or on a "
            + "database file (--db)") { db, checkpoint, publicKey };
        verify.Action(async (p, client, output, ct) =>
        {
            if (p.GetValue(db) is null && (p.GetValue(checkpoint) ?? p.GetValue(publicKey)) is not null
                || p.GetValue(checkpoint) is null && p.GetValue(publicKey) is not null)
            {
                Output.Error("fillmore: --checkpoint needs --db (the trail is read here), and --public-key needs "
                    + "--checkpoint.");
                return ExitCodes.Usage;
            }
            var result = p.GetValue(db) is { } file
                ? await OfflineAudit.VerifyAsync(file, p.GetValue(checkpoint), p.GetValue(publicKey), output, ct)
                : output.IsTerminal && !output.Json
                ? await output.Console.Status().StartAsync("verifying the audit chain", _ => client.VerifyAuditAsync(ct))
                : await client.VerifyAuditAsync(ct);
            if (result is null) return ExitCodes.Usage;
            if (output.Json) output.Write(result);
            else if (result.Valid) output.Console.MarkupLine($"[green]intact[/]: {result.Entries} entries, head {result.HeadId}");
            else output.Console.MarkupLine($"[red]broken[/] at {Where(result)}: {result.Problem} "
                + Markup.Escape(result.Detail ?? ""));
            return result.Valid ? ExitCodes.Ok : ExitCodes.AuditBroken;
        });
        return new Command("audit", "The audit trail") { verify };
    }

    // The first broken entry: its partition and place there, or its id in the legacy segment.
    private static string Where(AuditVerification v) => v.FirstBrokenPartition is { } partition
        ? $"partition {partition} entry {v.FirstBrokenSeq}" + (v.FirstBrokenId is { } id ? $" (id {id})" : "")
        : $"entry {v.FirstBrokenId}";

    private static Command Report()
    {
        var from = new Option<DateOnly>("--from") { Required = true };
        var to = new Option<DateOnly>("--to") { Required = true, Description = "Excluded." };
        var format = new Option<ReportFormat>("--format") { DefaultValueFactory = _ => ReportFormat.Csv };
        var file = new Option<string?>("--out") { Description = "The file (default: the name the service gives)." };
        var trader = new Option<string?>("--trader") { Description = "Compliance: one trader's fills." };
        var command = new Command("report", "Download the execution report (CSV or PDF)") { from, to, format, file, trader };
        command.Action(async (p, client, output, ct) =>
        {
            var request = new ReportRequest(p.GetValue(from), p.GetValue(to), p.GetValue(format)) { TraderId = p.GetValue(trader) };
            var temporary = Path.GetTempFileName();
            ReportDownload download;
            await using (var stream = File.Create(temporary))
            {
                download = output.IsTerminal && !output.Json
                    ? await output.Console.Progress().StartAsync(async progress =>
                    {
                        var task = progress.AddTask("downloading the report");
                        return await client.DownloadExecutionReportAsync(request, stream, new Progress<TransferProgress>(t =>
                        {
                            if (t.TotalBytes is { } total) task.MaxValue = total;
                            task.Value = t.Bytes;
                        }), ct);
                    })
                    : await client.DownloadExecutionReportAsync(request, stream, null, ct);
            }
            var path = p.GetValue(file) ?? download.FileName;
            File.Move(temporary, path, overwrite: true);
            if (output.Json) output.Write(new { file = path, bytes = download.Bytes, content_type = download.ContentType });
            else output.Console.MarkupLine($"wrote [bold]{Markup.Escape(path)}[/] ({download.Bytes} bytes)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
