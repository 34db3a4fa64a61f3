// A real QuickFIX acceptor's own record, for the simulation's Auditor: from its screen log (every
// message in and out, across its restarts), the orders its application took (first answers, never
// PossDup copies: QuickFixAcceptor.Processed) and what it executed for each (LastQty × LastPx of
// its own execution reports). Orders are known by ClOrdID, which is Fillmore's order id.
namespace Fillmore.Api.Tests;

using System.Globalization;
using Fillmore.Simulation;
using Fillmore.Venues.Tests.Fix;

public sealed class QuickFixRecord(QuickFixAcceptor acceptor) : IVenueRecord
{
    public IReadOnlyDictionary<string, int> Taken => Answers().GroupBy(e => e.Field(11)!)
        .ToDictionary(g => g.Key, g => acceptor.Processed(g.Key));

    public IReadOnlyCollection<string> Holds => Taken.Where(t => t.Value > 0).Select(t => t.Key).ToList();

    public (long Quantity, decimal Notional) Executed(string orderId)
    {
        var executions = Answers().Where(e => e.Field(11) == orderId && Number(e.Field(32)) > 0).ToList();
        return (executions.Sum(e => (long)Number(e.Field(32))),
            executions.Sum(e => Number(e.Field(32)) * Number(e.Field(31))));
    }

    // Its execution reports as first sent (a PossDup copy repeats one of them).
    private IEnumerable<QuickFixLogEntry> Answers() =>
        acceptor.Log.Where(e => e.Outgoing && !e.PossDup && e.MsgType == "8" && e.Field(11) is not null);

    private static decimal Number(string? text) =>
        text is null ? 0m : decimal.Parse(text, CultureInfo.InvariantCulture);
}
