// watch: your orders live, from the event stream (resumed by seq after any drop, by the client
// library). On a terminal a table of every order seen, updated in place; otherwise (or with --json)
// one line per event, so it can be piped. --count N stops after N events (scripts, tests).
namespace Fillmore.Cli;

using System.CommandLine;
using Fillmore.Client;
using Spectre.Console;

public static class WatchCommand
{
    public static Command Create()
    {
        var since = new Option<long?>("--since") { Description = "Replay events after this seq first (0: all)." };
        var symbol = new Option<string?>("--symbol");
        var count = new Option<int?>("--count") { Description = "Stop after this many events." };
        var command = new Command("watch", "Watch your orders live") { since, symbol, count };
        command.Action(async (p, client, output, ct) =>
        {
            var options = new EventStreamOptions
            {
                Since = p.GetValue(since), Symbol = p.GetValue(symbol),
                Notices = n => Output.Error($"stream {n.Kind.ToString().ToLowerInvariant()} (after seq {n.LastSeq}) {n.Detail}"),
            };
            var events = Take(client.StreamEventsAsync(options, ct), p.GetValue(count), ct);
            try
            {
                if (output.Json || !output.IsTerminal) await LinesAsync(output, events);
                else await LiveAsync(output, events);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task LinesAsync(Output output, IAsyncEnumerable<OrderEvent> events)
    {
        await foreach (var e in events)
        {
            if (output.Json) output.Write(e, indented: false);
            else Console.WriteLine($"{e.Seq} {e.Event} {e.OrderId} {e.Symbol} {Output.Name(e.Side)} {Output.Name(e.Status)} "
                + $"{e.FilledQuantity}/{e.Quantity} {Output.Money(e.AverageFillPrice)}".TrimEnd());
        }
    }

    private static async Task LiveAsync(Output output, IAsyncEnumerable<OrderEvent> events)
    {
        var table = new Table().AddColumns("order", "symbol", "side", "status", "filled", "avg", "last event", "seq");
        var rows = new Dictionary<Guid, int>();
        await output.Console.Live(table).StartAsync(async live =>
        {
            await foreach (var e in events)
            {
                var cells = new[] { e.OrderId.ToString()[..8], e.Symbol, Output.Name(e.Side), Output.Status(e.Status),
                    $"{e.FilledQuantity}/{e.Quantity}", Output.Money(e.AverageFillPrice), e.Event, e.Seq.ToString() };
                if (rows.TryGetValue(e.OrderId, out var row))
                    for (var i = 0; i < cells.Length; i++) table.UpdateCell(row, i, cells[i]);
                else
                {
                    rows[e.OrderId] = table.Rows.Count;
                    table.AddRow(cells);
                }
                live.Refresh();
            }
        });
    }

    private static async IAsyncEnumerable<OrderEvent> Take(IAsyncEnumerable<OrderEvent> events, int? count,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (count is <= 0) yield break;
        var seen = 0;
        await foreach (var e in events.WithCancellation(ct))
        {
            yield return e;
            if (++seen == count) yield break;
        }
    }
}
