// What identifies an execution a FIX venue reports (docs/fix.md, "Fill identity"). The engine
// counts a fill once per (venue, ExecutionId). The venue's ExecID alone is not enough: the QuickFIX
// acceptors restart their ExecID counter at 1 while their sequence numbers persist, so a genuine
// new fill would look like an old one. So the id is ExecID + the order + the order's CumQty after
// this fill: a different order or a different cumulative quantity is a different execution even
// when a restarted counter repeats the ExecID, while a PossDup replay (the same bytes again) or
// the copy in the venue's answer and on the report stream gives exactly the same id.
namespace Fillmore.Venues.Fix;

using System.Globalization;
using Fillmore.Core.Orders;

internal static class FixExecutionIds
{
    public static string Of(string execId, OrderId order, long cumQty) =>
        $"{execId}/{order}/{cumQty.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A report that is not a fill (cancelled, expired, rejected): its ExecType keeps it apart.</summary>
    public static string Of(string execId, OrderId order, long cumQty, char execType) =>
        $"{Of(execId, order, cumQty)}/{execType}";
}
